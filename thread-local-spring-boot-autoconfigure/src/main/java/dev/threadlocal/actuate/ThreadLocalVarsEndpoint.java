package dev.threadlocal.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.Scope;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that describes the configuration of {@link ThreadLocalVars}
 * in effect, the registered {@value ThreadLocalVarScope#SCOPE_NAME} scope and counters of
 * what happened to the variables, never a variable's value or name.
 * <p>
 * The counters of variables and boundaries start when the endpoint is created; the total
 * of leaks detected is the one of {@link ThreadLocalVars#getLeaksDetected()}.
 *
 * @since 0.1.0
 */
@Endpoint(id = "threadlocal")
public class ThreadLocalVarsEndpoint {

	private final ThreadLocalVars threadLocalVars;

	private final ConfigurableBeanFactory beanFactory;

	private final Map<String, Object> settings;

	private final Counts counts = new Counts();

	/**
	 * Create an endpoint for the given variables, and start counting their events.
	 * @param threadLocalVars the variables to describe
	 * @param beanFactory the bean factory in which the scope is registered
	 * @param settings the other settings in effect, by property name, to show as they are
	 */
	public ThreadLocalVarsEndpoint(ThreadLocalVars threadLocalVars, ConfigurableBeanFactory beanFactory,
			Map<String, ?> settings) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		Assert.notNull(beanFactory, "'beanFactory' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.threadLocalVars = threadLocalVars;
		this.beanFactory = beanFactory;
		this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		threadLocalVars.addListener(this.counts);
	}

	/**
	 * Describe the thread-local variables.
	 * @return the description
	 */
	@ReadOperation
	public ThreadLocalVarsDescriptor threadLocalVars() {
		return new ThreadLocalVarsDescriptor(this.threadLocalVars.getLeakDetection(), this.threadLocalVars.isStrict(),
				this.settings, scope(), this.counts.describe(this.threadLocalVars.getLeaksDetected()), this.counts.describeThreadState());
	}

	private ScopeDescriptor scope() {
		Scope scope = this.beanFactory.getRegisteredScope(ThreadLocalVarScope.SCOPE_NAME);
		return new ScopeDescriptor(ThreadLocalVarScope.SCOPE_NAME, scope != null,
				(scope != null) ? scope.getClass().getName() : null);
	}

	private static String kindKey(BoundaryKind kind) {
		return kind.getTagValue();
	}

	/**
	 * Description of the thread-local variables, their configuration, scope and counters.
	 *
	 * @param leakDetection what a boundary does when it begins on a thread that still
	 * holds variables
	 * @param strict whether using a variable outside any boundary throws
	 * @param settings the other settings in effect, by property name
	 * @param scope the registered scope
	 * @param counters what happened to the variables
	 * @param threadStateLeaks per-thread state that thread state guards found left on
	 * threads since the endpoint was created, by guard name
	 * @since 0.1.0
	 */
	public record ThreadLocalVarsDescriptor(LeakDetection leakDetection, boolean strict, Map<String, Object> settings,
			ScopeDescriptor scope, CountersDescriptor counters,
			Map<String, ThreadStateLeaksDescriptor> threadStateLeaks) implements OperationResponseBody {

	}

	/**
	 * Description of the scope registered under the scope name.
	 *
	 * @param name the scope name
	 * @param registered whether a scope is registered under the name
	 * @param type the class of the registered scope, or {@code null} if none is
	 * @since 0.1.0
	 */
	public record ScopeDescriptor(String name, boolean registered, @Nullable String type) {

	}

	/**
	 * Description of what happened to the variables.
	 *
	 * @param variablesCreated values stored (created, set or replaced)
	 * @param variablesDestroyed values removed (deleted, replaced, cleared or removed from
	 * the scope)
	 * @param destructionCallbacksFailed destruction callbacks that threw
	 * @param leaksDetected units of work that began on a thread holding leaked variables,
	 * since the variables were created
	 * @param boundaries the counters of each kind of unit of work, by lowercase kind
	 * @since 0.1.0
	 */
	public record CountersDescriptor(long variablesCreated, long variablesDestroyed, long destructionCallbacksFailed,
			long leaksDetected, Map<String, BoundaryDescriptor> boundaries) {

	}

	/**
	 * Description of what happened in the outermost boundaries of one kind.
	 *
	 * @param ended boundaries that ended
	 * @param variablesCleared variables with a value that they cleared when they ended
	 * @param leaksDetected boundaries that began on a thread holding leaked variables
	 * @since 0.1.0
	 */
	public record BoundaryDescriptor(long ended, long variablesCleared, long leaksDetected) {

	}

	/**
	 * Description of the state one thread state guard found left on threads.
	 *
	 * @param atStart times found as an outermost boundary opened (left by code outside
	 * any boundary)
	 * @param atEnd times found as an outermost boundary closed (left by the unit of work)
	 * @since 0.1.0
	 */
	public record ThreadStateLeaksDescriptor(long atStart, long atEnd) {

	}

	/**
	 * Counts the events of the variables; never throws and keeps no name or value.
	 */
	private static final class Counts implements ThreadLocalVarsListener {

		private final LongAdder created = new LongAdder();

		private final LongAdder destroyed = new LongAdder();

		private final LongAdder callbacksFailed = new LongAdder();

		private final LongAdder[] ended = adders();

		private final LongAdder[] cleared = adders();

		private final LongAdder[] leaks = adders();

		private final Map<String, LongAdder[]> threadStateLeaks = new ConcurrentHashMap<>();

		@Override
		public void variableCreated(String name) {
			this.created.increment();
		}

		@Override
		public void variableDestroyed(String name) {
			this.destroyed.increment();
		}

		@Override
		public void destructionCallbackFailed(String name, Throwable failure) {
			this.callbacksFailed.increment();
		}

		@Override
		public void leakDetected(BoundaryKind kind, List<String> names) {
			this.leaks[kind.ordinal()].increment();
		}

		@Override
		public void threadStateLeaked(BoundaryKind kind, String guard, List<String> keys, boolean atStart) {
			this.threadStateLeaks.computeIfAbsent(guard, (key) -> new LongAdder[] { new LongAdder(), new LongAdder() })[atStart
					? 0 : 1].increment();
		}

		Map<String, ThreadStateLeaksDescriptor> describeThreadState() {
			Map<String, ThreadStateLeaksDescriptor> described = new TreeMap<>();
			this.threadStateLeaks.forEach((guard, counts) -> described.put(guard,
					new ThreadStateLeaksDescriptor(counts[0].sum(), counts[1].sum())));
			return described;
		}

		@Override
		public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
			this.ended[kind.ordinal()].increment();
			this.cleared[kind.ordinal()].add(variablesCleared);
		}

		CountersDescriptor describe(long leaksDetected) {
			Map<String, BoundaryDescriptor> boundaries = new LinkedHashMap<>();
			for (BoundaryKind kind : BoundaryKind.values()) {
				int i = kind.ordinal();
				boundaries.put(kindKey(kind),
						new BoundaryDescriptor(this.ended[i].sum(), this.cleared[i].sum(), this.leaks[i].sum()));
			}
			return new CountersDescriptor(this.created.sum(), this.destroyed.sum(), this.callbacksFailed.sum(),
					leaksDetected, boundaries);
		}

		@Override
		public String toString() {
			return ThreadLocalVarsEndpoint.class.getSimpleName();
		}

		private static LongAdder[] adders() {
			LongAdder[] adders = new LongAdder[BoundaryKind.values().length];
			for (int i = 0; i < adders.length; i++) {
				adders[i] = new LongAdder();
			}
			return adders;
		}

	}

}
