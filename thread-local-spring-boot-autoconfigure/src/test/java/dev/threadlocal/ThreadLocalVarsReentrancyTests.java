package dev.threadlocal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ThreadLocalVars} when user code it runs (factories, destruction
 * callbacks) uses the variables again, outside any boundary unless a test opens one.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadLocalVarsReentrancyTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void factoryThrowingACheckedExceptionPropagatesItUnchangedAndLeavesNothingMarked() {
		IOException failure = new IOException("no file");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.vars.getOrCreate("config", sneakyThrowing(failure)))
			.isSameAs(failure)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.satisfies((suppressed) -> assertThat(suppressed).hasMessageContaining("'config'")
					.hasMessageContaining(Thread.currentThread().getName())));
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
		assertThat(this.vars.getOrCreate("config", () -> "loaded")).isEqualTo("loaded");
	}

	@Test
	void factoryThrowingACheckedExceptionKeepsLeakDetectionWorking() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.vars.getOrCreate("config", sneakyThrowing(new IOException("no file"))));
		this.vars.set("left", "behind");
		this.vars.runScoped(() -> {
		});
		assertThat(this.vars.getLeaksDetected()).isOne();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void factoryLettingCallScopedsExceptionEscapeRollsBack() {
		this.vars.runScoped(() -> {
			this.vars.registerDestructionCallback("report", () -> this.events.add("registered before"));
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.vars.getOrCreate("report", () -> {
				this.vars.registerDestructionCallback("report", () -> this.events.add("registered during"));
				return sneakyCall(() -> this.vars.callScoped(() -> {
					throw new IOException("report failed");
				}));
			}));
			assertThat(this.vars.names()).containsExactly("report");
		});
		assertThat(this.events).containsExactly("registered before");
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void callbackThatDeletesAnotherVariableDuringSetKeepsTheNewValue() {
		this.vars.set("a", "v1");
		this.vars.registerDestructionCallback("a", () -> this.vars.delete("x"));
		this.vars.set("a", "v2");
		assertThat(this.vars.<String>find("a")).isEqualTo("v2");
		assertThat(this.vars.names()).containsExactly("a");
	}

	@Test
	void callbackThatStoresDuringDeleteKeepsWhatItStored() {
		this.vars.set("a", "A");
		this.vars.registerDestructionCallback("a", () -> {
			this.vars.delete("x");
			this.vars.set("b", "B");
			this.vars.registerDestructionCallback("b", () -> this.events.add("b destroyed"));
		});
		this.vars.delete("a");
		assertThat(this.vars.names()).containsExactly("b");
		this.vars.clear();
		assertThat(this.events).containsExactly("b destroyed");
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void callbackThatOpensABoundaryDuringClearKeepsItOpen() {
		this.vars.set("a", "A");
		this.vars.set("b", "B");
		List<ThreadLocalVars.Boundary> opened = new ArrayList<>();
		this.vars.registerDestructionCallback("b", () -> opened.add(this.vars.openBoundary()));
		this.vars.registerDestructionCallback("a", () -> this.events.add("a destroyed"));
		this.vars.clear();
		assertThat(this.vars.isInBoundary()).isTrue();
		assertThat(this.events).containsExactly("a destroyed");
		assertThat(this.vars.getLeaksDetected()).isOne(); // "a" was still there, outside any boundary
		this.vars.set("inside", "the boundary");
		opened.get(0).close();
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).isEmpty();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void callbackThatRunsABoundaryAndStoresDuringClearHasItDestroyedToo() {
		this.vars.set("a", "A");
		this.vars.registerDestructionCallback("a", () -> {
			this.vars.runScoped(() -> this.vars.set("inner", "gone with the boundary"));
			this.vars.set("late", "L");
			this.vars.registerDestructionCallback("late", () -> this.events.add("late destroyed"));
		});
		this.vars.clear();
		assertThat(this.events).containsExactly("late destroyed");
		assertThat(this.vars.names()).isEmpty();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void failedCreationWhoseFactoryDeletedEarlierCallbacksKeepsTheFactorysException() {
		this.vars.registerDestructionCallback("x", () -> this.events.add("earlier"));
		IllegalStateException failure = new IllegalStateException("factory failed");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("x", () -> {
			this.vars.delete("x");
			this.vars.registerDestructionCallback("x", () -> this.events.add("during 1"));
			this.vars.registerDestructionCallback("x", () -> this.events.add("during 2"));
			throw failure;
		})).isSameAs(failure);
		assertThat(this.events).containsExactly("earlier");
		assertThat(this.vars.names()).isEmpty();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void creationReturningNullAfterClearingEarlierCallbacksSaysItReturnedNull() {
		this.vars.registerDestructionCallback("x", () -> this.events.add("earlier 1"));
		this.vars.registerDestructionCallback("x", () -> this.events.add("earlier 2"));
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("x", () -> {
			this.vars.clear();
			this.vars.registerDestructionCallback("x", () -> this.events.add("during"));
			return null;
		})).withMessageContaining("returned null").withMessageContaining("'x'");
		assertThat(this.events).containsExactly("earlier 2", "earlier 1");
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void failedCreationRemovesItsOwnCallbacksEvenWhenTheSameCallbackWasRegisteredBefore() {
		Runnable callback = () -> this.events.add("ran");
		this.vars.registerDestructionCallback("x", callback);
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("x", () -> {
			this.vars.registerDestructionCallback("x", callback);
			throw new IllegalStateException("failed");
		}));
		this.vars.clear();
		assertThat(this.events).containsExactly("ran");
	}

	@Test
	void setReplacingAValueThatACallbackStoredDestroysItBeforeStoring() {
		this.vars.set("b", "v1");
		this.vars.registerDestructionCallback("b", () -> {
			this.vars.set("b", "v2");
			this.vars.registerDestructionCallback("b", () -> {
				this.events.add("v2 destroyed");
				this.vars.delete("b");
			});
		});
		this.vars.set("b", "v3");
		assertThat(this.vars.<String>find("b")).isEqualTo("v3");
		assertThat(this.events).containsExactly("v2 destroyed");
	}

	@Test
	void setInsideTheVariablesOwnFactoryThrowsAndChangesNothing() {
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("x", () -> {
			this.vars.set("x", "from the factory");
			return "returned";
		})).withMessageContaining("'x'").withMessageContaining("is being created");
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.vars.getOrCreate("x", () -> "again")).isEqualTo("again");
	}

	@Test
	void setInsideTheVariablesOwnFactoryCanBeCaughtByTheFactory() {
		String value = this.vars.getOrCreate("x", () -> {
			try {
				this.vars.set("x", "from the factory");
			}
			catch (IllegalStateException ex) {
				this.events.add("refused");
			}
			return "returned";
		});
		assertThat(value).isEqualTo("returned");
		assertThat(this.events).containsExactly("refused");
	}

	@Test
	void boundaryOpenedInsideAFactoryOutsideAnyBoundaryDetectsLeaks(CapturedOutput output) {
		this.vars.set("leftover", "from earlier work");
		this.vars.getOrCreate("bean", () -> {
			this.vars.runScoped(() -> this.events.add("inside"));
			return "created";
		});
		assertThat(this.vars.getLeaksDetected()).isOne();
		assertThat(output).contains("Thread-local variables [leftover] were left on");
		assertThat(this.vars.names()).containsExactly("bean");
	}

	@Test
	void boundaryOpenedInsideAFactoryIsRefusedInFailMode() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		this.vars.set("leftover", "from earlier work");
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("bean", () -> {
			this.vars.runScoped(() -> this.events.add("inside"));
			return "created";
		})).withMessageContaining("refused to start it");
		assertThat(this.events).isEmpty();
		assertThat(this.vars.names()).isEmpty();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	@Test
	void readsOnAFreshThreadLeaveNoEntryInTheThreadsMap() {
		assertThat(this.vars.<String>find("x")).isNull();
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("x"));
		this.vars.delete("x");
		this.vars.clear();
		assertThat(this.vars.remove("x")).isNull();
		assertThat(ThreadLocalMaps.hasEntry(this.vars)).isFalse();
	}

	private static <T> Supplier<T> sneakyThrowing(Throwable failure) {
		return () -> {
			throw ThreadLocalVarsReentrancyTests.<RuntimeException>sneaky(failure);
		};
	}

	private static <T> T sneakyCall(Callable<T> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw ThreadLocalVarsReentrancyTests.<RuntimeException>sneaky(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E sneaky(Throwable failure) throws E {
		throw (E) failure;
	}

}
