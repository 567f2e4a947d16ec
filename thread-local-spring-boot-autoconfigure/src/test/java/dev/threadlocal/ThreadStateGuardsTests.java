package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.hygiene.ThreadStateGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the thread state guards that outermost boundaries of {@link ThreadLocalVars}
 * check.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadStateGuardsTests {

	private static final ThreadLocal<String> STATE = new ThreadLocal<>();

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<String> events = new ArrayList<>();

	ThreadStateGuardsTests() {
		this.vars.setGuards(List.of(new TestGuard("test", false)));
		this.vars.addListener(new ThreadLocalVarsListener() {

			@Override
			public void threadStateLeaked(BoundaryKind kind, String guard, List<String> keys, boolean atStart) {
				ThreadStateGuardsTests.this.events.add(kind.getTagValue() + " " + guard + " " + keys + " "
						+ (atStart ? "start" : "end"));
			}

		});
	}

	@AfterEach
	void clear() {
		STATE.remove();
	}

	@Test
	void stateFoundAtStartIsReportedAndClearedBeforeTheWork(CapturedOutput output) {
		STATE.set("secret-value");
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.TASK)) {
			assertThat(STATE.get()).isNull();
		}
		assertThat(this.events).containsExactly("task test [state] start");
		assertThat(this.vars.getThreadStateLeaksDetected()).isOne();
		assertThat(this.vars.getLeaksDetected()).isZero();
		assertThat(output).contains("Thread state test [state] was left on thread '")
			.contains("by code outside any boundary; cleared it before the task started")
			.doesNotContain("secret-value");
	}

	@Test
	void stateLeftByTheWorkIsReportedAndClearedAtTheEnd(CapturedOutput output) {
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			STATE.set("secret-value");
		}
		assertThat(STATE.get()).isNull();
		assertThat(this.events).containsExactly("request test [state] end");
		assertThat(output).contains("by the request that just ended; cleared it").doesNotContain("secret-value");
	}

	@Test
	void cleanThreadReportsNothing(CapturedOutput output) {
		runTask(() -> this.vars.set("name", "value"));
		assertThat(this.events).isEmpty();
		assertThat(this.vars.getThreadStateLeaksDetected()).isZero();
		assertThat(output).doesNotContain("Thread state");
	}

	@Test
	void listenerEventStepAndExplicitBoundariesLeaveFrameworkStateToItsOwner() {
		for (BoundaryKind kind : List.of(BoundaryKind.LISTENER, BoundaryKind.EVENT, BoundaryKind.STEP,
				BoundaryKind.EXPLICIT)) {
			STATE.set("a container's transaction");
			try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(kind)) {
				assertThat(STATE.get()).isEqualTo("a container's transaction");
			}
			assertThat(STATE.get()).isEqualTo("a container's transaction");
		}
		assertThat(this.events).isEmpty();
	}

	@Test
	void listenerEventStepAndExplicitBoundariesCheckStateClearedAtEnd() {
		ThreadLocalVars vars = new ThreadLocalVars();
		vars.setGuards(List.of(new TestGuard("tenant", true)));
		for (BoundaryKind kind : List.of(BoundaryKind.LISTENER, BoundaryKind.EVENT, BoundaryKind.STEP,
				BoundaryKind.EXPLICIT)) {
			STATE.set("left before");
			try (ThreadLocalVars.Boundary boundary = vars.openBoundary(kind)) {
				assertThat(STATE.get()).isNull();
				STATE.set("set by the work");
			}
			assertThat(STATE.get()).isNull();
		}
		assertThat(vars.getThreadStateLeaksDetected()).isEqualTo(8);
	}

	@Test
	void innerBoundariesDoNotCheck() {
		try (ThreadLocalVars.Boundary outer = this.vars.openBoundary()) {
			STATE.set("value");
			try (ThreadLocalVars.Boundary inner = this.vars.openBoundary(BoundaryKind.TASK)) {
				assertThat(STATE.get()).isEqualTo("value");
			}
			assertThat(STATE.get()).isEqualTo("value");
			STATE.remove();
		}
		assertThat(this.events).isEmpty();
	}

	@Test
	void unguardedBoundaryDoesNotCheck() {
		STATE.set("value");
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.REQUEST, false)) {
			assertThat(STATE.get()).isEqualTo("value");
		}
		assertThat(STATE.get()).isEqualTo("value");
		assertThat(this.events).isEmpty();
	}

	@Test
	void clearModeClearsWithoutLogging(CapturedOutput output) {
		this.vars.setLeakDetection(LeakDetection.CLEAR);
		STATE.set("value");
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.TASK)) {
			assertThat(STATE.get()).isNull();
		}
		assertThat(this.events).containsExactly("task test [state] start");
		assertThat(output).doesNotContain("Thread state");
	}

	@Test
	void failModeRefusesToStartAndLeavesNoBoundaryOpen() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		STATE.set("value");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.openBoundary(BoundaryKind.TASK))
			.withMessageContaining("Thread state test [state] was left on")
			.withMessageEndingWith("and refused to start it (leak detection mode FAIL)");
		assertThat(STATE.get()).isNull();
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void failModeNeverThrowsAtTheEnd(CapturedOutput output) {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		runTask(() -> STATE.set("value"));
		assertThat(STATE.get()).isNull();
		assertThat(this.events).containsExactly("task test [state] end");
		assertThat(output).contains("by the task that just ended; cleared it");
	}

	@Test
	void offModeLeavesFrameworkStateAlone() {
		this.vars.setLeakDetection(LeakDetection.OFF);
		STATE.set("value");
		runTask(() -> assertThat(STATE.get()).isEqualTo("value"));
		assertThat(STATE.get()).isEqualTo("value");
		assertThat(this.events).isEmpty();
		assertThat(this.vars.getThreadStateLeaksDetected()).isZero();
	}

	@Test
	void offModeStillClearsStateClearedAtEnd() {
		this.vars.setGuards(List.of(new TestGuard("own", true)));
		this.vars.setLeakDetection(LeakDetection.OFF);
		runTask(() -> STATE.set("value"));
		assertThat(STATE.get()).isNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void failingGuardIsLoggedAndIgnored(CapturedOutput output) {
		this.vars.setGuards(List.of(new FailingGuard(), new TestGuard("test", false)));
		STATE.set("value");
		runTask(() -> assertThat(STATE.get()).isNull());
		assertThat(output).contains("Thread state guard 'failing' failed to check the thread; ignoring it");
		assertThat(this.events).containsExactly("task test [state] start");
	}

	@Test
	void guardsAreCheckedAfterDestructionCallbacksRan() {
		runTask(() -> this.vars.registerDestructionCallback("name", () -> STATE.set("value")));
		assertThat(STATE.get()).isNull();
		assertThat(this.events).containsExactly("task test [state] end");
	}

	@Test
	void emptyGuardsCheckNothing() {
		this.vars.setGuards(List.of());
		STATE.set("value");
		runTask(() -> assertThat(STATE.get()).isEqualTo("value"));
		assertThat(this.vars.getThreadStateLeaksDetected()).isZero();
	}

	@Test
	void nullGuardIsRejected() {
		List<ThreadStateGuard> guards = new ArrayList<>();
		guards.add(null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.setGuards(guards))
			.withMessage("'guards' must not contain null elements");
	}

	/**
	 * Run in a task boundary, which checks every guard.
	 */
	private void runTask(Runnable work) {
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.TASK)) {
			work.run();
		}
	}

	private record TestGuard(String name, boolean clearedAtEnd) implements ThreadStateGuard {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public boolean isPresent() {
			return STATE.get() != null;
		}

		@Override
		public List<String> presentKeys() {
			return List.of("state");
		}

		@Override
		public void clear() {
			STATE.remove();
		}

		@Override
		public boolean isClearedAtEnd() {
			return this.clearedAtEnd;
		}

	}

	private static final class FailingGuard implements ThreadStateGuard {

		@Override
		public String getName() {
			return "failing";
		}

		@Override
		public boolean isPresent() {
			throw new IllegalStateException("broken");
		}

		@Override
		public List<String> presentKeys() {
			return List.of();
		}

		@Override
		public void clear() {
		}

	}

}
