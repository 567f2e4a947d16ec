package dev.threadlocal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsListener} events of {@link ThreadLocalVars}.
 */
class ThreadLocalVarsListenerTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<String> events = new CopyOnWriteArrayList<>();

	ThreadLocalVarsListenerTests() {
		this.vars.addListener(new ThreadLocalVarsListener() {

			@Override
			public void variableCreated(String name) {
				ThreadLocalVarsListenerTests.this.events.add("created " + name);
			}

			@Override
			public void variableDestroyed(String name) {
				ThreadLocalVarsListenerTests.this.events.add("destroyed " + name);
			}

			@Override
			public void destructionCallbackFailed(String name, Throwable failure) {
				ThreadLocalVarsListenerTests.this.events.add("callback failed " + name + ": " + failure.getMessage());
			}

			@Override
			public void leakDetected(BoundaryKind kind, List<String> names) {
				ThreadLocalVarsListenerTests.this.events.add("leak " + kind + " " + names);
			}

			@Override
			public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
				ThreadLocalVarsListenerTests.this.events.add("ended " + kind + " cleared " + variablesCleared);
			}

		});
	}

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void reportsCreationReplacementAndDeletion() {
		this.vars.getOrCreate("a", () -> "1");
		this.vars.getOrCreate("a", () -> "unused");
		this.vars.set("a", "2");
		this.vars.delete("a");
		this.vars.delete("a");
		assertThat(this.events).containsExactly("created a", "destroyed a", "created a", "destroyed a");
	}

	@Test
	void reportsFailingCallbacks() {
		this.vars.set("a", "1");
		this.vars.registerDestructionCallback("a", () -> {
			throw new IllegalStateException("boom");
		});
		this.vars.clear();
		assertThat(this.events).containsExactly("created a", "callback failed a: boom", "destroyed a");
	}

	@Test
	void reportsLeaksAndWhatEachOutermostBoundaryCleared() {
		this.vars.set("left", "over");
		this.vars.runScoped(() -> {
			this.vars.set("a", "1");
			this.vars.runScoped(() -> this.vars.set("b", "2"));
		});
		assertThat(this.events).containsExactly("created left", "leak EXPLICIT [left]", "destroyed left",
				"created a", "created b", "destroyed b", "destroyed a", "ended EXPLICIT cleared 2");
	}

	@Test
	void boundaryEndedCountsTheValuesItsEndDestroyedIncludingThoseCallbacksCreated() {
		this.vars.runScoped(() -> {
			this.vars.registerDestructionCallback("pending", () -> {
			});
			this.vars.set("a", "1");
			this.vars.registerDestructionCallback("a", () -> this.vars.set("late", "2"));
		});
		assertThat(this.events).endsWith("ended EXPLICIT cleared 2");
	}

	@Test
	void failingListenerDoesNotBreakTheOperation() {
		this.vars.addListener(new ThreadLocalVarsListener() {

			@Override
			public void variableCreated(String name) {
				throw new IllegalStateException("listener failed");
			}

		});
		this.vars.set("a", "1");
		assertThat(this.vars.<String>getRequired("a")).isEqualTo("1");
		assertThat(this.events).containsExactly("created a");
	}

	@Test
	void scopeRemovalReportsTheValueAsDestroyed() {
		ThreadLocalVarScope scope = new ThreadLocalVarScope(this.vars);
		scope.get("bean", () -> "bean");
		scope.remove("bean");
		assertThat(this.events).containsExactly("created bean", "destroyed bean");
	}

}
