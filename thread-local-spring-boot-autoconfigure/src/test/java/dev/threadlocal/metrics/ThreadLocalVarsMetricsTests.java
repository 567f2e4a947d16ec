package dev.threadlocal.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.hygiene.ThreadStateGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ThreadLocalVarsMetrics}.
 */
class ThreadLocalVarsMetricsTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void registersEveryMeterAtZeroWhenBound() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_CREATED).count()).isZero();
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_DESTROYED).count()).isZero();
		assertThat(counter(ThreadLocalVarsMetrics.DESTRUCTION_CALLBACKS_FAILED).count()).isZero();
		for (String kind : new String[] { "request", "task", "boundary", "listener", "event", "step" }) {
			assertThat(leaks(kind).count()).isZero();
			assertThat(cleared(kind).count()).isZero();
			assertThat(cleared(kind).getId().getBaseUnit()).isEqualTo("variables");
		}
		assertThat(this.registry.getMeters()).hasSize(15);
	}

	@Test
	void tagsLeaksAndClearedVariablesOfListenersEventsAndSteps() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		for (BoundaryKind kind : new BoundaryKind[] { BoundaryKind.LISTENER, BoundaryKind.EVENT, BoundaryKind.STEP }) {
			this.vars.set("left", "over");
			try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(kind)) {
				this.vars.set("a", "1");
			}
		}
		for (String kind : new String[] { "listener", "event", "step" }) {
			assertThat(leaks(kind).count()).isEqualTo(1);
			assertThat(cleared(kind).count()).isEqualTo(1);
			assertThat(cleared(kind).totalAmount()).isEqualTo(1);
		}
		assertThat(leaks("boundary").count()).isZero();
	}

	@Test
	void countsThreadStateLeaksByGuardKindAndPhase() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		ThreadLocal<String> state = new ThreadLocal<>();
		this.vars.setGuards(List.of(new ThreadLocalGuard(state)));
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			state.set("secret-value");
		}
		state.set("secret-value");
		this.vars.openBoundary(BoundaryKind.TASK).close();
		assertThat(this.registry.get(ThreadLocalVarsMetrics.THREAD_STATE_LEAKS)
			.tags(ThreadLocalVarsMetrics.GUARD_TAG, "test", ThreadLocalVarsMetrics.KIND_TAG, "request",
					ThreadLocalVarsMetrics.PHASE_TAG, "end")
			.counter()
			.count()).isOne();
		assertThat(this.registry.get(ThreadLocalVarsMetrics.THREAD_STATE_LEAKS)
			.tags(ThreadLocalVarsMetrics.GUARD_TAG, "test", ThreadLocalVarsMetrics.KIND_TAG, "task",
					ThreadLocalVarsMetrics.PHASE_TAG, "start")
			.counter()
			.count()).isOne();
		assertThat(this.registry.get(ThreadLocalVarsMetrics.THREAD_STATE_LEAKS).counters()).hasSize(2)
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("guard", "kind", "phase"));
	}

	@Test
	void countsVariablesCreatedReplacedAndDestroyed() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.getOrCreate("a", () -> "1");
		this.vars.getOrCreate("a", () -> "not created again");
		this.vars.set("a", "2");
		this.vars.set("b", "3");
		this.vars.delete("a");
		this.vars.delete("missing");
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_CREATED).count()).isEqualTo(3);
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_DESTROYED).count()).isEqualTo(2);
	}

	@Test
	void countsThreadScopedBeansAsVariables() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		ThreadLocalVarScope scope = new ThreadLocalVarScope(this.vars);
		scope.get("scopedTarget.bean", () -> new Object());
		this.vars.clear();
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_CREATED).count()).isEqualTo(1);
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_DESTROYED).count()).isEqualTo(1);
	}

	@Test
	void countsFailedDestructionCallbacks() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.set("a", "1");
		this.vars.registerDestructionCallback("a", () -> {
			throw new IllegalStateException("audit store unavailable");
		});
		this.vars.registerDestructionCallback("a", () -> {
		});
		this.vars.clear();
		assertThat(counter(ThreadLocalVarsMetrics.DESTRUCTION_CALLBACKS_FAILED).count()).isEqualTo(1);
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_DESTROYED).count()).isEqualTo(1);
	}

	@Test
	void countsLeaksByTheKindOfWorkThatFoundThem() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.set("left", "over");
		this.vars.openBoundary(BoundaryKind.REQUEST).close();
		this.vars.set("left", "over");
		this.vars.openBoundary(BoundaryKind.TASK).close();
		this.vars.set("left", "over");
		this.vars.runScoped(() -> {
		});
		this.vars.set("left", "over");
		this.vars.openBoundary(BoundaryKind.REQUEST).close();
		assertThat(leaks("request").count()).isEqualTo(2);
		assertThat(leaks("task").count()).isEqualTo(1);
		assertThat(leaks("boundary").count()).isEqualTo(1);
	}

	@Test
	void countsNoLeakWhenLeakDetectionIsOff() {
		this.vars.setLeakDetection(LeakDetection.OFF);
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.set("left", "over");
		this.vars.openBoundary(BoundaryKind.REQUEST).close();
		assertThat(leaks("request").count()).isZero();
	}

	@Test
	void countsTheLeakAlsoWhenLeakDetectionRefusesTheWork() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.set("left", "over");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.openBoundary(BoundaryKind.TASK));
		assertThat(leaks("task").count()).isEqualTo(1);
	}

	@Test
	void recordsTheVariablesEachOutermostBoundaryCleared() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		try (ThreadLocalVars.Boundary request = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			this.vars.set("a", "1");
			this.vars.set("b", "2");
			try (ThreadLocalVars.Boundary nested = this.vars.openBoundary()) {
				this.vars.set("c", "3");
			}
		}
		try (ThreadLocalVars.Boundary request = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			this.vars.set("a", "1");
		}
		this.vars.openBoundary(BoundaryKind.TASK).close();
		assertThat(cleared("request").count()).isEqualTo(2);
		assertThat(cleared("request").totalAmount()).isEqualTo(4);
		assertThat(cleared("request").max()).isEqualTo(3);
		assertThat(cleared("task").count()).isEqualTo(1);
		assertThat(cleared("task").totalAmount()).isZero();
		assertThat(cleared("boundary").count()).isZero();
	}

	@Test
	void tagsNoVariableNameByDefault() {
		new ThreadLocalVarsMetrics(this.vars).bindTo(this.registry);
		this.vars.set("user", "alice");
		this.vars.delete("user");
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> {
			assertThat(meter.getId().getTags()).extracting(Tag::getKey).isSubsetOf(ThreadLocalVarsMetrics.KIND_TAG);
			assertThat(meter.getId().getTags()).extracting(Tag::getValue).doesNotContain("user", "alice");
		});
	}

	@Test
	void tagsVariableCountersWithTheNameWhenOptedInButNeverWithTheValue() {
		new ThreadLocalVarsMetrics(this.vars, true).bindTo(this.registry);
		this.vars.set("user", "alice");
		this.vars.set("user", "bob");
		this.vars.set("tenant", "acme");
		this.vars.registerDestructionCallback("tenant", () -> {
			throw new IllegalStateException("failed");
		});
		this.vars.clear();
		assertThat(variableCounter(ThreadLocalVarsMetrics.VARIABLES_CREATED, "user").count()).isEqualTo(2);
		assertThat(variableCounter(ThreadLocalVarsMetrics.VARIABLES_CREATED, "tenant").count()).isEqualTo(1);
		assertThat(variableCounter(ThreadLocalVarsMetrics.VARIABLES_DESTROYED, "user").count()).isEqualTo(2);
		assertThat(variableCounter(ThreadLocalVarsMetrics.DESTRUCTION_CALLBACKS_FAILED, "tenant").count())
			.isEqualTo(1);
		assertThat(this.registry.find(ThreadLocalVarsMetrics.VARIABLES_CREATED).counters()).hasSize(2);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.extracting(Tag::getValue)
			.doesNotContain("alice", "bob", "acme"));
	}

	@Test
	void bindingTwiceToTheSameRegistryCountsOnce() {
		ThreadLocalVarsMetrics metrics = new ThreadLocalVarsMetrics(this.vars);
		metrics.bindTo(this.registry);
		metrics.bindTo(this.registry);
		this.vars.set("a", "1");
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_CREATED).count()).isEqualTo(1);
	}

	@Test
	void bindingToAnotherRegistryRecordsInBoth() {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		ThreadLocalVarsMetrics metrics = new ThreadLocalVarsMetrics(this.vars);
		metrics.bindTo(this.registry);
		metrics.bindTo(other);
		this.vars.set("a", "1");
		assertThat(counter(ThreadLocalVarsMetrics.VARIABLES_CREATED).count()).isEqualTo(1);
		assertThat(other.get(ThreadLocalVarsMetrics.VARIABLES_CREATED).counter().count()).isEqualTo(1);
	}

	@Test
	void failingRegistryNeverBreaksTheOperationsThatItRecords() {
		AtomicInteger failures = new AtomicInteger();
		this.registry.config().meterFilter(new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getTag(ThreadLocalVarsMetrics.VARIABLE_TAG) != null) {
					failures.incrementAndGet();
					throw new IllegalStateException("registry unavailable");
				}
				return id;
			}

		});
		new ThreadLocalVarsMetrics(this.vars, true).bindTo(this.registry);
		try (ThreadLocalVars.Boundary request = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			this.vars.set("user", "alice");
			this.vars.registerDestructionCallback("user", () -> {
				throw new IllegalStateException("callback failed");
			});
			assertThat(this.vars.<String>getRequired("user")).isEqualTo("alice");
		}
		assertThat(failures).hasValue(3);
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(cleared("request").count()).isEqualTo(1);
	}

	@Test
	void rejectsNullArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarsMetrics(null))
			.withMessage("'threadLocalVars' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarsMetrics(this.vars).bindTo(null))
			.withMessage("'registry' must not be null");
	}

	private Counter counter(String name) {
		return this.registry.get(name).counter();
	}

	private Counter variableCounter(String name, String variable) {
		return this.registry.get(name).tag(ThreadLocalVarsMetrics.VARIABLE_TAG, variable).counter();
	}

	private Counter leaks(String kind) {
		return this.registry.get(ThreadLocalVarsMetrics.LEAKS).tag(ThreadLocalVarsMetrics.KIND_TAG, kind).counter();
	}

	private DistributionSummary cleared(String kind) {
		return this.registry.get(ThreadLocalVarsMetrics.BOUNDARY_CLEARED)
			.tag(ThreadLocalVarsMetrics.KIND_TAG, kind)
			.summary();
	}

	private record ThreadLocalGuard(ThreadLocal<String> state) implements ThreadStateGuard {

		@Override
		public String getName() {
			return "test";
		}

		@Override
		public boolean isPresent() {
			return this.state.get() != null;
		}

		@Override
		public List<String> presentKeys() {
			return List.of("secret-key");
		}

		@Override
		public void clear() {
			this.state.remove();
		}

	}

}
