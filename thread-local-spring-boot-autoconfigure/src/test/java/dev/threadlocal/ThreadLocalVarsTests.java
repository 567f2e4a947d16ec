package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ThreadLocalVars}.
 */
class ThreadLocalVarsTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void getOrCreateRunsFactoryOnceAndReturnsTheStoredValue() {
		int[] calls = new int[1];
		Supplier<String> factory = () -> "value-" + (++calls[0]);
		assertThat(this.vars.getOrCreate("name", factory)).isEqualTo("value-1");
		assertThat(this.vars.getOrCreate("name", factory)).isEqualTo("value-1");
		assertThat(calls[0]).isOne();
		assertThat(this.vars.<String>getRequired("name")).isEqualTo("value-1");
	}

	@Test
	void getOrCreateGivesEachThreadItsOwnValue() throws Exception {
		Object main = this.vars.getOrCreate("name", Object::new);
		Object other = CompletableFuture.supplyAsync(() -> {
			try {
				return this.vars.getOrCreate("name", Object::new);
			}
			finally {
				this.vars.clear();
			}
		}).get(10, TimeUnit.SECONDS);
		assertThat(other).isNotSameAs(main);
		assertThat(this.vars.<Object>getRequired("name")).isSameAs(main);
	}

	@Test
	void getOrCreateWhenFactoryReturnsNullThrowsAndStoresNothing() {
		givenExistingState();
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("broken", () -> null))
			.withMessageContaining("'broken'")
			.withMessageContaining(Thread.currentThread().getName());
		assertExistingStateUnchanged();
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> this.vars.getRequired("broken"));
	}

	@Test
	void getOrCreateWhenFactoryReturnsNullOnAFreshThreadLeavesNothingAttached() {
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("broken", () -> null));
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void getOrCreateWhenFactoryThrowsPropagatesItsExceptionAndStoresNothing() {
		givenExistingState();
		IllegalArgumentException failure = new IllegalArgumentException("no database");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.vars.getOrCreate("broken", () -> {
				throw failure;
			}))
			.isSameAs(failure)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.satisfies((context) -> assertThat(context.getMessage()).contains("'broken'")
					.contains(Thread.currentThread().getName())));
		assertExistingStateUnchanged();
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> this.vars.getRequired("broken"));
	}

	@Test
	void getOrCreateWhenFactoryThrowsDropsCallbacksRegisteredDuringCreation() {
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("broken", () -> {
			this.vars.registerDestructionCallback("broken", () -> this.events.add("destroyed"));
			throw new IllegalStateException("failed late");
		}));
		assertThat(attachedVariables()).isNull();
		this.vars.clear();
		assertThat(this.events).isEmpty();
	}

	@Test
	void getOrCreateWhenFactoryThrowsKeepsCallbacksRegisteredBefore() {
		this.vars.registerDestructionCallback("name", () -> this.events.add("registered before"));
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("name", () -> {
			this.vars.registerDestructionCallback("name", () -> this.events.add("registered during"));
			throw new IllegalStateException("failed late");
		}));
		this.vars.clear();
		assertThat(this.events).containsExactly("registered before");
	}

	@Test
	void getOrCreateThrownTwiceWithTheSameExceptionNamesTheVariableOnce() {
		IllegalStateException failure = new IllegalStateException("cached failure");
		for (int i = 0; i < 2; i++) {
			assertThatIllegalStateException().isThrownBy(() -> this.vars.getOrCreate("broken", () -> {
				throw failure;
			}));
		}
		assertThat(failure.getSuppressed()).hasSize(1);
	}

	@Test
	void getOrCreateWithNullFactoryThrowsNamingTheVariable() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.getOrCreate("name", null))
			.withMessageContaining("Factory")
			.withMessageContaining("'name'")
			.withMessageContaining(Thread.currentThread().getName());
		assertExistingStateUnchanged();
	}

	@Test
	void getOrCreateWithNullNameThrows() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.getOrCreate(null, Object::new))
			.withMessageContaining("Name")
			.withMessageContaining("null")
			.withMessageContaining(Thread.currentThread().getName());
		assertExistingStateUnchanged();
	}

	@Test
	void getOrCreateWithBlankNameThrows() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.getOrCreate("  ", Object::new))
			.withMessageContaining("Name")
			.withMessageContaining("blank");
		assertExistingStateUnchanged();
	}

	@Test
	void getOrCreateAllowsTheFactoryToCreateOtherVariables() {
		String outer = this.vars.getOrCreate("outer",
				() -> "outer needs " + this.vars.getOrCreate("inner", () -> "inner"));
		assertThat(outer).isEqualTo("outer needs inner");
		assertThat(this.vars.<String>getRequired("inner")).isEqualTo("inner");
	}

	@Test
	void getOrCreateWhenFactoryNeedsTheSameVariableThrowsAndStoresNothing() {
		givenExistingState();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.vars.getOrCreate("self", () -> this.vars.getOrCreate("self", Object::new)))
			.withMessageContaining("'self'")
			.withMessageContaining("already being created");
		assertExistingStateUnchanged();
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> this.vars.getRequired("self"));
	}

	@Test
	void getRequiredWhenAbsentThrowsNamingTheVariableAndTheThread() {
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("user"))
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("'user'")
			.withMessageContaining(Thread.currentThread().getName())
			.satisfies((ex) -> assertThat(ex.getVariableName()).isEqualTo("user"));
	}

	@Test
	void getRequiredWhenAbsentWritesNothing() {
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("user"));
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> this.vars.getRequired("user", String.class));
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void getRequiredWithTypeReturnsTheValue() {
		this.vars.set("count", 42);
		assertThat(this.vars.getRequired("count", Integer.class)).isEqualTo(42);
		assertThat(this.vars.getRequired("count", Number.class)).isEqualTo(42);
		assertThat(this.vars.getRequired("count", int.class)).isEqualTo(42);
	}

	@Test
	void getRequiredWithWrongTypeThrowsNamingBothTypes() {
		this.vars.set("count", 42);
		assertThatIllegalStateException().isThrownBy(() -> this.vars.getRequired("count", String.class))
			.withMessageContaining("'count'")
			.withMessageContaining("java.lang.String")
			.withMessageContaining("java.lang.Integer")
			.withMessageContaining(Thread.currentThread().getName());
		assertThat(this.vars.getRequired("count", Integer.class)).isEqualTo(42);
	}

	@Test
	void getRequiredWithNullTypeThrows() {
		this.vars.set("count", 42);
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.getRequired("count", null))
			.withMessageContaining("Type")
			.withMessageContaining("'count'");
	}

	@Test
	void getRequiredWithBlankNameThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.getRequired(""))
			.withMessageContaining("blank");
	}

	@Test
	void findReturnsTheValueOrNullAndWritesNothing() {
		assertThat(this.vars.<String>find("user")).isNull();
		assertThat(attachedVariables()).isNull();
		this.vars.set("user", "alice");
		assertThat(this.vars.<String>find("user")).isEqualTo("alice");
	}

	@Test
	void findWithBlankNameThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.find(" ")).withMessageContaining("blank");
	}

	@Test
	void namesListsWhatTheThreadHoldsInCreationOrder() {
		assertThat(this.vars.names()).isEmpty();
		this.vars.registerDestructionCallback("pending", () -> {
		});
		this.vars.set("b", "2");
		this.vars.getOrCreate("a", () -> "1");
		assertThat(this.vars.names()).containsExactly("pending", "b", "a");
		this.vars.clear();
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void setDestroysTheEarlierValueBeforeStoringTheNewOne() {
		List<Object> seenByCallback = new ArrayList<>();
		this.vars.set("user", "alice");
		this.vars.registerDestructionCallback("user", () -> seenByCallback.add(this.vars.find("user")));
		this.vars.set("user", "bob");
		assertThat(seenByCallback).containsExactly((Object) null);
		assertThat(this.vars.<String>getRequired("user")).isEqualTo("bob");
	}

	@Test
	void setReplacesTheValueAndRunsTheEarlierValuesCallback() {
		this.vars.set("name", "first");
		this.vars.registerDestructionCallback("name", () -> this.events.add("first destroyed"));
		this.vars.set("name", "second");
		assertThat(this.events).containsExactly("first destroyed");
		assertThat(this.vars.<String>getRequired("name")).isEqualTo("second");
		this.vars.clear();
		assertThat(this.events).containsExactly("first destroyed");
	}

	@Test
	void setWithNullValueThrowsAndKeepsTheEarlierValue() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.set("a", null))
			.withMessageContaining("Value")
			.withMessageContaining("'a'")
			.withMessageContaining(Thread.currentThread().getName());
		assertExistingStateUnchanged();
	}

	@Test
	void setWithNullNameThrows() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.set(null, "value"))
			.withMessageContaining("null");
		assertExistingStateUnchanged();
	}

	@Test
	void deleteRemovesTheVariableAndRunsItsCallback() {
		this.vars.set("name", "value");
		this.vars.registerDestructionCallback("name", () -> this.events.add("destroyed"));
		this.vars.delete("name");
		assertThat(this.events).containsExactly("destroyed");
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("name"));
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void deleteWhenAbsentIsSilent() {
		givenExistingState();
		this.vars.delete("unknown");
		this.vars.delete("unknown");
		assertExistingStateUnchanged();
	}

	@Test
	void deleteWhenNothingIsAttachedAttachesNothing() {
		this.vars.delete("unknown");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void deleteWithBlankNameThrows() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.delete(" "));
		assertExistingStateUnchanged();
	}

	@Test
	void deleteWithFailingCallbackStillDeletes() {
		this.vars.set("name", "value");
		this.vars.registerDestructionCallback("name", () -> {
			throw new IllegalStateException("callback failed");
		});
		this.vars.delete("name");
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("name"));
	}

	@Test
	void registerDestructionCallbackWithNullCallbackThrows() {
		givenExistingState();
		assertThatIllegalArgumentException().isThrownBy(() -> this.vars.registerDestructionCallback("a", null))
			.withMessageContaining("'a'");
		assertExistingStateUnchanged();
	}

	@Test
	void callbackRegisteredBeforeTheValueIsStoredRunsOnClear() {
		this.vars.registerDestructionCallback("bean", () -> this.events.add("bean destroyed"));
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("bean"));
		this.vars.getOrCreate("bean", () -> "bean");
		this.vars.clear();
		assertThat(this.events).containsExactly("bean destroyed");
	}

	@Test
	void clearRunsCallbacksInReverseCreationOrder() {
		for (String name : List.of("first", "second", "third")) {
			this.vars.getOrCreate(name, () -> name);
			this.vars.registerDestructionCallback(name, () -> this.events.add(name));
		}
		this.vars.clear();
		assertThat(this.events).containsExactly("third", "second", "first");
	}

	@Test
	void clearDestroysAVariableCreatedByAnotherVariablesFactoryAfterIt() {
		this.vars.getOrCreate("outer", () -> {
			this.vars.getOrCreate("inner", () -> "inner");
			this.vars.registerDestructionCallback("inner", () -> this.events.add("inner"));
			return "outer";
		});
		this.vars.registerDestructionCallback("outer", () -> this.events.add("outer"));
		this.vars.clear();
		assertThat(this.events).containsExactly("outer", "inner");
	}

	@Test
	void clearLetsACallbackReadVariablesCreatedBeforeIt() {
		this.vars.set("user", "alice");
		this.vars.set("audit", "trail");
		this.vars.registerDestructionCallback("audit",
				() -> this.events.add("audit of " + this.vars.getRequired("user")));
		this.vars.clear();
		assertThat(this.events).containsExactly("audit of alice");
	}

	@Test
	void clearIsolatesFailingCallbacks() {
		this.vars.set("first", "1");
		this.vars.registerDestructionCallback("first", () -> this.events.add("first"));
		this.vars.set("failing", "2");
		this.vars.registerDestructionCallback("failing", () -> {
			throw new IllegalStateException("callback failed");
		});
		this.vars.registerDestructionCallback("failing", () -> {
			throw new AssertionError("callback failed hard");
		});
		this.vars.set("last", "3");
		this.vars.registerDestructionCallback("last", () -> this.events.add("last"));
		this.vars.clear();
		assertThat(this.events).containsExactly("last", "first");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void clearRemovesEverythingAndDetachesFromTheThread() {
		this.vars.set("a", "1");
		this.vars.getOrCreate("b", () -> "2");
		this.vars.clear();
		assertThat(attachedVariables()).isNull();
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired("a"));
		assertThat(this.vars.getOrCreate("b", () -> "new")).isEqualTo("new");
	}

	@Test
	void clearDestroysVariablesThatCallbacksCreate() {
		this.vars.set("a", "1");
		this.vars.registerDestructionCallback("a", () -> {
			this.vars.set("late", "created while clearing");
			this.vars.registerDestructionCallback("late", () -> this.events.add("late destroyed"));
		});
		this.vars.clear();
		assertThat(this.events).containsExactly("late destroyed");
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void clearWhenNothingIsAttachedDoesNothing() {
		this.vars.clear();
		assertThat(attachedVariables()).isNull();
	}

	@Test
	void variablesOfTwoInstancesAreSeparate() {
		ThreadLocalVars other = new ThreadLocalVars();
		this.vars.set("name", "mine");
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> other.getRequired("name"));
	}

	@Test
	void concurrentThreadsNeverSeeEachOthersValues() throws Exception {
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<CompletableFuture<List<String>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String me = "worker-" + t;
				results.add(CompletableFuture.supplyAsync(() -> {
					List<String> seen = new ArrayList<>();
					for (int i = 0; i < 2_000; i++) {
						String value = me + "#" + i;
						this.vars.set("user", value);
						this.vars.getOrCreate("count", () -> new int[1])[0]++;
						Thread.yield();
						seen.add(this.vars.getRequired("user", String.class).equals(value) ? "ok" : "leak");
						if (i % 10 == 0) {
							this.vars.clear();
						}
					}
					this.vars.clear();
					return seen;
				}, executor));
			}
			for (CompletableFuture<List<String>> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(2_000).containsOnly("ok");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void callbacksOfOneVariableRunInReverseRegistrationOrder() {
		this.vars.set("name", "value");
		this.vars.registerDestructionCallback("name", () -> this.events.add("first"));
		this.vars.registerDestructionCallback("name", () -> this.events.add("second"));
		this.vars.delete("name");
		assertThat(this.events).containsExactly("second", "first");
	}

	@Test
	void replacedValueMovesToTheEndOfNames() {
		this.vars.set("a", "1");
		this.vars.set("b", "2");
		this.vars.set("a", "3");
		assertThat(this.vars.names()).containsExactly("b", "a");
	}

	@Test
	void valueStoredForANameWithOnlyCallbacksTakesItsPlace() {
		this.vars.registerDestructionCallback("a", () -> this.events.add("a destroyed"));
		this.vars.set("b", "2");
		this.vars.set("a", "1");
		assertThat(this.vars.names()).containsExactly("a", "b");
		this.vars.delete("a");
		assertThat(this.events).containsExactly("a destroyed");
	}

	private void givenExistingState() {
		this.vars.set("a", "1");
		this.vars.registerDestructionCallback("a", () -> this.events.add("a destroyed"));
		this.vars.getOrCreate("b", () -> "2");
	}

	private void assertExistingStateUnchanged() {
		assertThat(this.vars.<String>getRequired("a")).isEqualTo("1");
		assertThat(this.vars.<String>getRequired("b")).isEqualTo("2");
		assertThat(this.events).isEmpty();
		ThreadVariables variables = attachedVariables();
		assertThat(variables).isNotNull();
		assertThat(variables.isCreating()).isFalse();
		this.vars.clear();
		assertThat(this.events).containsExactly("a destroyed");
	}

	@SuppressWarnings("unchecked")
	private ThreadVariables attachedVariables() {
		return ((ThreadLocal<ThreadVariables>) ReflectionTestUtils.getField(this.vars, "variables")).get();
	}

}
