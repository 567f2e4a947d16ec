package dev.threadlocal.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} that counts the variables of a {@link ThreadLocalVars} created and
 * destroyed, the failed destruction callbacks and the leaks, and records how many
 * variables each outermost boundary cleared.
 * <p>
 * Tags are low-cardinality: {@value #KIND_TAG} is the lowercase {@link BoundaryKind}
 * ({@code request}, {@code task} or {@code boundary}). Values are never recorded;
 * variable names only as the {@value #VARIABLE_TAG} tag when that is opted into. Recording
 * never throws into the operation that caused it: a failing registry is logged once.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsMetrics implements MeterBinder {

	/**
	 * Name of the counter of values stored for variables (created, set or replaced).
	 */
	public static final String VARIABLES_CREATED = "threadlocal.variables.created";

	/**
	 * Name of the counter of values removed from variables (deleted, replaced, cleared or
	 * removed from the scope).
	 */
	public static final String VARIABLES_DESTROYED = "threadlocal.variables.destroyed";

	/**
	 * Name of the counter of destruction callbacks that threw.
	 */
	public static final String DESTRUCTION_CALLBACKS_FAILED = "threadlocal.destruction.callbacks.failed";

	/**
	 * Name of the counter, tagged with {@value #KIND_TAG}, of units of work that began on a
	 * thread still holding variables left there by code outside any boundary.
	 */
	public static final String LEAKS = "threadlocal.leaks";

	/**
	 * Name of the distribution summary, tagged with {@value #KIND_TAG}, of the number of
	 * variables each outermost boundary cleared when it ended.
	 */
	public static final String BOUNDARY_CLEARED = "threadlocal.boundary.cleared";

	/**
	 * Name of the counter, tagged with {@value #GUARD_TAG}, {@value #KIND_TAG} and
	 * {@value #PHASE_TAG}, of per-thread state that a thread state guard found left on a
	 * thread when an outermost boundary opened or closed.
	 */
	public static final String THREAD_STATE_LEAKS = "threadlocal.thread.state.leaks";

	/**
	 * Tag of the name of the thread state guard, for example {@code mdc}.
	 */
	public static final String GUARD_TAG = "guard";

	/**
	 * Tag of when a thread state guard found state: {@code start} (left by code outside
	 * any boundary) or {@code end} (left by the unit of work).
	 */
	public static final String PHASE_TAG = "phase";

	/**
	 * Tag of the kind of unit of work: {@code request}, {@code task}, {@code boundary},
	 * {@code listener}, {@code event} or {@code step}.
	 */
	public static final String KIND_TAG = "kind";

	/**
	 * Tag of the variable's name, only when opted into.
	 */
	public static final String VARIABLE_TAG = "variable";

	private static final Log logger = LogFactory.getLog(ThreadLocalVarsMetrics.class);

	private final ThreadLocalVars threadLocalVars;

	private final boolean variableNameTag;

	private final Set<MeterRegistry> boundRegistries = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * Create metrics for the given variables, without variable names.
	 * @param threadLocalVars the variables to record
	 */
	public ThreadLocalVarsMetrics(ThreadLocalVars threadLocalVars) {
		this(threadLocalVars, false);
	}

	/**
	 * Create metrics for the given variables.
	 * @param threadLocalVars the variables to record
	 * @param variableNameTag whether to tag the variable counters with the variable's name,
	 * which is user-supplied and may be of high cardinality
	 */
	public ThreadLocalVarsMetrics(ThreadLocalVars threadLocalVars, boolean variableNameTag) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
		this.variableNameTag = variableNameTag;
	}

	/**
	 * Register the meters with the registry and start recording into them. Binding to the
	 * same registry again does nothing.
	 * @param registry the registry to bind to
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		synchronized (this.boundRegistries) {
			if (!this.boundRegistries.add(registry)) {
				return;
			}
		}
		this.threadLocalVars.addListener(new MeterRecorder(registry, this.variableNameTag));
	}

	private static String kindTag(BoundaryKind kind) {
		return kind.getTagValue();
	}

	/**
	 * Records the events of one {@link ThreadLocalVars} into the meters of one registry.
	 */
	private static final class MeterRecorder implements ThreadLocalVarsListener {

		private final VariableCounter created;

		private final VariableCounter destroyed;

		private final VariableCounter callbacksFailed;

		private final Map<BoundaryKind, Counter> leaks = new EnumMap<>(BoundaryKind.class);

		private final Map<BoundaryKind, DistributionSummary> cleared = new EnumMap<>(BoundaryKind.class);

		private final AtomicBoolean failureLogged = new AtomicBoolean();

		private final MeterRegistry registry;

		private final Map<String, Counter> threadStateLeaks = new ConcurrentHashMap<>();

		MeterRecorder(MeterRegistry registry, boolean variableNameTag) {
			this.registry = registry;
			this.created = new VariableCounter(registry, VARIABLES_CREATED,
					"Values stored for thread-local variables and thread-scoped beans", variableNameTag);
			this.destroyed = new VariableCounter(registry, VARIABLES_DESTROYED,
					"Values removed from thread-local variables and thread-scoped beans", variableNameTag);
			this.callbacksFailed = new VariableCounter(registry, DESTRUCTION_CALLBACKS_FAILED,
					"Destruction callbacks of thread-local variables that threw", variableNameTag);
			for (BoundaryKind kind : BoundaryKind.values()) {
				this.leaks.put(kind, Counter.builder(LEAKS)
					.description("Units of work that began on a thread holding variables left by code outside "
							+ "any boundary")
					.tag(KIND_TAG, kindTag(kind))
					.register(registry));
				this.cleared.put(kind, DistributionSummary.builder(BOUNDARY_CLEARED)
					.description("Thread-local variables cleared when an outermost boundary ended")
					.baseUnit("variables")
					.tag(KIND_TAG, kindTag(kind))
					.register(registry));
			}
		}

		@Override
		public void variableCreated(String name) {
			try {
				this.created.increment(name);
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		@Override
		public void variableDestroyed(String name) {
			try {
				this.destroyed.increment(name);
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		@Override
		public void destructionCallbackFailed(String name, Throwable failure) {
			try {
				this.callbacksFailed.increment(name);
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		@Override
		public void leakDetected(BoundaryKind kind, List<String> names) {
			try {
				this.leaks.get(kind).increment();
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		@Override
		public void threadStateLeaked(BoundaryKind kind, String guard, List<String> keys, boolean atStart) {
			try {
				String phase = atStart ? "start" : "end";
				this.threadStateLeaks
					.computeIfAbsent(guard + '/' + kindTag(kind) + '/' + phase,
							(key) -> Counter.builder(THREAD_STATE_LEAKS)
								.description("Per-thread state that a guard found left on a thread when an outermost "
										+ "boundary opened or closed")
								.tag(GUARD_TAG, guard)
								.tag(KIND_TAG, kindTag(kind))
								.tag(PHASE_TAG, phase)
								.register(this.registry))
					.increment();
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		@Override
		public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
			try {
				this.cleared.get(kind).record(variablesCleared);
			}
			catch (RuntimeException ex) {
				recordingFailed(ex);
			}
		}

		private void recordingFailed(RuntimeException ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("Failed to record thread-local variable metrics; ignoring this and later failures", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Failed to record thread-local variable metrics", ex);
			}
		}

		@Override
		public String toString() {
			return ThreadLocalVarsMetrics.class.getSimpleName();
		}

	}

	/**
	 * A counter of variable events, one meter in all or, with the variable name tag, one
	 * per variable name.
	 */
	private static final class VariableCounter {

		private final MeterRegistry registry;

		private final String name;

		private final String description;

		private final @Nullable Counter untagged;

		private final Map<String, Counter> byVariable = new ConcurrentHashMap<>();

		VariableCounter(MeterRegistry registry, String name, String description, boolean variableNameTag) {
			this.registry = registry;
			this.name = name;
			this.description = description;
			this.untagged = variableNameTag ? null
					: Counter.builder(name).description(description).register(registry);
		}

		void increment(String variable) {
			Counter counter = this.untagged;
			if (counter == null) {
				counter = this.byVariable.get(variable);
				if (counter == null) {
					counter = Counter.builder(this.name)
						.description(this.description)
						.tag(VARIABLE_TAG, variable)
						.register(this.registry);
					this.byVariable.putIfAbsent(variable, counter);
				}
			}
			counter.increment();
		}

	}

}
