package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the boundaries, leak detection and strict mode of {@link ThreadLocalVars}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadLocalVarsBoundaryTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void runScopedClearsTheThreadWhenTheTaskReturns() {
		this.vars.runScoped(() -> {
			setWithCallback("user", "alice");
			assertThat(this.vars.isInBoundary()).isTrue();
		});
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void runScopedClearsTheThreadWhenTheTaskThrows() {
		assertThatIllegalStateException().isThrownBy(() -> this.vars.runScoped(() -> {
			setWithCallback("user", "alice");
			throw new IllegalStateException("task failed");
		})).withMessage("task failed");
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void callScopedReturnsTheResultAndClears() throws Exception {
		String result = this.vars.callScoped(() -> {
			setWithCallback("user", "alice");
			return "hello " + this.vars.getRequired("user");
		});
		assertThat(result).isEqualTo("hello alice");
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void callScopedPropagatesCheckedExceptionsAndClears() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> this.vars.callScoped(() -> {
			setWithCallback("user", "alice");
			throw new Exception("checked");
		})).withMessage("checked");
		assertThat(this.events).containsExactly("user destroyed");
	}

	@Test
	void tryWithResourcesBoundaryClearsOnClose() {
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary()) {
			assertThat(boundary.getKind()).isEqualTo(BoundaryKind.EXPLICIT);
			setWithCallback("user", "alice");
		}
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void nestedBoundariesClearOnlyAtTheOutermostExit() {
		this.vars.runScoped(() -> {
			setWithCallback("outer", "1");
			this.vars.runScoped(() -> setWithCallback("inner", "2"));
			try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary()) {
				setWithCallback("inner too", "3");
			}
			assertThat(this.events).isEmpty();
			assertThat(this.vars.<String>getRequired("outer")).isEqualTo("1");
			assertThat(this.vars.<String>getRequired("inner")).isEqualTo("2");
		});
		assertThat(this.events).containsExactly("inner too destroyed", "inner destroyed", "outer destroyed");
	}

	@Test
	void clearInsideABoundaryKeepsTheBoundaryOpen() {
		this.vars.runScoped(() -> {
			setWithCallback("user", "alice");
			this.vars.clear();
			assertThat(this.events).containsExactly("user destroyed");
			assertThat(this.vars.isInBoundary()).isTrue();
			this.vars.set("user", "bob");
		});
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void boundaryLeftOpenInsideEndsWithTheEnclosingOne(CapturedOutput output) {
		try (ThreadLocalVars.Boundary outer = this.vars.openBoundary()) {
			setWithCallback("user", "alice");
			this.vars.openBoundary(); // never closed
			this.vars.openBoundary(); // never closed either
		}
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(attachedVariables()).isNull();
		assertThat(output).contains("2 boundaries opened inside a explicit boundary");
	}

	@Test
	void innerBoundaryClosedAfterTheEnclosingOneDoesNothing() {
		ThreadLocalVars.Boundary outer = this.vars.openBoundary();
		ThreadLocalVars.Boundary inner = this.vars.openBoundary();
		setWithCallback("user", "alice");
		outer.close();
		assertThat(this.events).containsExactly("user destroyed");
		this.vars.set("next", "work");
		inner.close();
		assertThat(this.vars.<String>getRequired("next")).isEqualTo("work");
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void destructionCallbacksMayReadVariablesInStrictMode() {
		this.vars.setStrict(true);
		List<Object> seen = new ArrayList<>();
		this.vars.runScoped(() -> {
			this.vars.set("user", "alice");
			this.vars.set("audit", "trail");
			this.vars.registerDestructionCallback("audit", () -> seen.add(this.vars.find("user")));
		});
		assertThat(seen).containsExactly("alice");
	}

	@Test
	void leakedCallbacksMayReadVariablesInStrictMode() {
		this.vars.set("user", "alice");
		this.vars.set("audit", "trail");
		this.vars.registerDestructionCallback("audit", () -> this.events.add("saw " + this.vars.find("user")));
		this.vars.setStrict(true);
		this.vars.runScoped(() -> {
		});
		assertThat(this.events).containsExactly("saw alice");
	}

	@Test
	void closingTwiceDoesNothing() {
		ThreadLocalVars.Boundary outer = this.vars.openBoundary();
		ThreadLocalVars.Boundary inner = this.vars.openBoundary();
		inner.close();
		inner.close();
		assertThat(this.vars.isInBoundary()).isTrue();
		outer.close();
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void closingOnAnotherThreadThrows() throws Exception {
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary()) {
			Throwable failure = CompletableFuture.supplyAsync(() -> {
				try {
					boundary.close();
					return null;
				}
				catch (IllegalStateException ex) {
					return ex;
				}
			}).get(10, TimeUnit.SECONDS);
			assertThat(failure).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("must be closed on it")
				.hasMessageContaining(Thread.currentThread().getName());
			assertThat(this.vars.isInBoundary()).isTrue();
		}
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void boundaryWithNullArgumentsThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.runScoped(null)).withMessageContaining("task");
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.callScoped(null))
			.withMessageContaining("task");
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.openBoundary(null))
			.withMessageContaining("kind");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void leakIsWarnedCountedAndClearedByDefault(CapturedOutput output) {
		assertThat(this.vars.getLeakDetection()).isEqualTo(LeakDetection.WARN_AND_CLEAR);
		setWithCallback("user", "secret-alice");
		this.vars.set("tenant", "secret-tenant");
		List<Object> seenInside = new ArrayList<>();
		this.vars.runScoped(() -> seenInside.add(this.vars.getOrCreate("user", () -> "fresh")));
		assertThat(seenInside).containsExactly("fresh");
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(this.vars.getLeaksDetected()).isOne();
		assertThat(output).containsOnlyOnce("Thread-local variables [user, tenant] were left on thread '"
				+ Thread.currentThread().getName())
			.contains("WARN")
			.contains("boundary")
			.doesNotContain("secret-alice")
			.doesNotContain("secret-tenant");
	}

	@Test
	void leakIsClearedSilentlyInClearMode(CapturedOutput output) {
		this.vars.setLeakDetection(LeakDetection.CLEAR);
		this.vars.set("user", "alice");
		this.vars.runScoped(() -> assertThat(this.vars.getOrCreate("user", () -> "fresh")).isEqualTo("fresh"));
		assertThat(this.vars.getLeaksDetected()).isOne();
		assertThat(output).doesNotContain("were left on");
	}

	@Test
	void leakFailsTheWorkInFailModeAndLeavesTheThreadClean() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		setWithCallback("user", "alice");
		List<String> ran = new ArrayList<>();
		assertThatIllegalStateException().isThrownBy(() -> this.vars.runScoped(() -> ran.add("ran")))
			.withMessageContaining("[user]")
			.withMessageContaining(Thread.currentThread().getName())
			.withMessageContaining("refused");
		assertThat(ran).isEmpty();
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(this.vars.getLeaksDetected()).isOne();
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(attachedVariables()).isNull();
		this.vars.runScoped(() -> ran.add("ran"));
		assertThat(ran).containsExactly("ran");
	}

	@Test
	void leakIsIgnoredWhenDetectionIsOffButClearedAtTheEnd(CapturedOutput output) {
		this.vars.setLeakDetection(LeakDetection.OFF);
		setWithCallback("user", "alice");
		this.vars.runScoped(() -> assertThat(this.vars.<String>getRequired("user")).isEqualTo("alice"));
		assertThat(this.vars.getLeaksDetected()).isZero();
		assertThat(this.events).containsExactly("user destroyed");
		assertThat(output).doesNotContain("were left on");
	}

	@Test
	void nestedBoundaryDoesNotTreatTheOuterStateAsALeak() {
		this.vars.runScoped(() -> {
			this.vars.set("user", "alice");
			this.vars.runScoped(() -> assertThat(this.vars.<String>getRequired("user")).isEqualTo("alice"));
		});
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void strictModeRejectsUseOutsideAnyBoundary() {
		this.vars.setStrict(true);
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("user", () -> "alice"))
			.withMessageContaining("'user'")
			.withMessageContaining("outside any boundary")
			.withMessageContaining(Thread.currentThread().getName())
			.withMessageContaining("runScoped");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.set("user", "alice"));
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getRequired("user"))
			.isNotInstanceOf(MissingThreadLocalVarException.class);
		assertThatIllegalStateException().isThrownBy(() -> this.vars.registerDestructionCallback("user", () -> {
		}));
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void strictModeAllowsUseInsideABoundary() {
		this.vars.setStrict(true);
		List<String> users = new ArrayList<>();
		this.vars.runScoped(() -> users.add(this.vars.getOrCreate("user", () -> "alice")));
		assertThat(users).containsExactly("alice");
		this.vars.delete("user");
		this.vars.clear();
	}

	@Test
	void closingAnEndedBoundaryOnAnotherThreadDoesNothing() throws Exception {
		ThreadLocalVars.Boundary outer = this.vars.openBoundary();
		ThreadLocalVars.Boundary inner = this.vars.openBoundary();
		outer.close(); // ends inner too
		ThreadLocalVars.Boundary next = this.vars.openBoundary();
		CompletableFuture.runAsync(() -> {
			outer.close();
			inner.close();
		}).get(10, TimeUnit.SECONDS);
		assertThat(this.vars.isInBoundary()).isTrue();
		next.close();
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void boundaryEndedByItsEnclosingOneDoesNotEndALaterOneWhenClosed() {
		ThreadLocalVars.Boundary first = this.vars.openBoundary();
		ThreadLocalVars.Boundary stale = this.vars.openBoundary();
		first.close();
		try (ThreadLocalVars.Boundary second = this.vars.openBoundary()) {
			ThreadLocalVars.Boundary nested = this.vars.openBoundary();
			setWithCallback("user", "alice");
			stale.close();
			assertThat(this.events).isEmpty();
			nested.close();
			assertThat(this.events).isEmpty();
			assertThat(this.vars.isInBoundary()).isTrue();
		}
		assertThat(this.events).containsExactly("user destroyed");
	}

	@Test
	void callbacksRunWhileTheOutermostBoundaryEndsAreInsideIt() {
		List<Boolean> inBoundary = new ArrayList<>();
		this.vars.runScoped(() -> {
			this.vars.set("user", "alice");
			this.vars.registerDestructionCallback("user", () -> inBoundary.add(this.vars.isInBoundary()));
		});
		assertThat(inBoundary).containsExactly(true);
	}

	@Test
	void callbacksRunWhileALeakIsClearedAreInsideTheNewBoundary() {
		List<Boolean> inBoundary = new ArrayList<>();
		this.vars.set("user", "alice");
		this.vars.registerDestructionCallback("user", () -> inBoundary.add(this.vars.isInBoundary()));
		this.vars.runScoped(() -> {
		});
		assertThat(inBoundary).containsExactly(true);
	}

	@Test
	void callbackThatLeavesABoundaryOpenWhileTheOutermostEndsHasItEnded(CapturedOutput output) {
		this.vars.runScoped(() -> {
			this.vars.set("user", "alice");
			this.vars.registerDestructionCallback("user", () -> this.vars.openBoundary());
		});
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
		assertThat(output).contains("1 boundaries opened inside a explicit boundary");
	}

	@Test
	void strictModeAllowsOnlyRemovalsAndQueriesOutsideAnyBoundary() {
		setWithCallback("user", "alice");
		setWithCallback("tenant", "acme");
		this.vars.set("bean", "target");
		this.vars.setStrict(true);
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).containsExactly("user", "tenant", "bean");
		assertThat(this.vars.remove("bean")).isEqualTo("target");
		this.vars.delete("tenant");
		assertThat(this.events).containsExactly("tenant destroyed");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.find("user"));
		this.vars.clear();
		assertThat(this.events).containsExactly("tenant destroyed", "user destroyed");
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	private void setWithCallback(String name, String value) {
		this.vars.set(name, value);
		this.vars.registerDestructionCallback(name, () -> this.events.add(name + " destroyed"));
	}

	@SuppressWarnings("unchecked")
	private ThreadVariables attachedVariables() {
		return ((ThreadLocal<ThreadVariables>) ReflectionTestUtils.getField(this.vars, "variables")).get();
	}

}
