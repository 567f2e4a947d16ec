package dev.threadlocal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The variables of one thread, kept in creation order with their destruction callbacks.
 * <p>
 * Only ever used by the thread that owns it, so it takes no locks.
 */
final class ThreadVariables {

	/**
	 * The variables by name, allocated when the first one is stored: a boundary around
	 * work that stores nothing allocates no map.
	 */
	private @Nullable Map<String, Variable> variables;

	private @Nullable Variable last;

	private @Nullable List<String> namesInCreation;

	private int boundaryDepth;

	@Nullable Object getValue(String name) {
		Variable variable = find(name);
		return (variable != null) ? variable.value : null;
	}

	private @Nullable Variable find(String name) {
		Map<String, Variable> variables = this.variables;
		return (variables != null) ? variables.get(name) : null;
	}

	boolean isEmpty() {
		return this.last == null;
	}

	int boundaryDepth() {
		return this.boundaryDepth;
	}

	void enterBoundary() {
		this.boundaryDepth++;
	}

	void exitBoundaryTo(int depth) {
		this.boundaryDepth = depth;
	}

	/**
	 * Whether nothing needs this instance to stay attached to its thread.
	 */
	boolean isUnused() {
		return this.last == null && this.boundaryDepth == 0 && !isCreating();
	}

	/**
	 * Return the names of the variables in creation order.
	 */
	List<String> names() {
		List<String> names = new ArrayList<>();
		for (Variable variable = this.last; variable != null; variable = variable.previous) {
			names.add(0, variable.name);
		}
		return names;
	}

	boolean isCreating() {
		return this.namesInCreation != null && !this.namesInCreation.isEmpty();
	}

	boolean isCreating(String name) {
		return this.namesInCreation != null && this.namesInCreation.contains(name);
	}

	void beginCreation(String name) {
		if (this.namesInCreation == null) {
			this.namesInCreation = new ArrayList<>(2);
		}
		this.namesInCreation.add(name);
	}

	void endCreation(String name) {
		if (this.namesInCreation != null) {
			this.namesInCreation.remove(this.namesInCreation.lastIndexOf(name));
		}
	}

	/**
	 * Store a value, returning the variable it replaced (whose callbacks the caller must
	 * run) or {@code null}. A variable that only held callbacks keeps them and its place.
	 */
	@Nullable Variable put(String name, Object value) {
		Variable existing = find(name);
		if (existing != null && existing.value == null) {
			existing.value = value;
			return null;
		}
		if (existing != null) {
			unlink(existing);
		}
		append(new Variable(name, value));
		return existing;
	}

	/**
	 * Remove and return the variable if it holds a value, so that the caller can destroy
	 * it before a new value is stored.
	 */
	@Nullable Variable removeIfValued(String name) {
		Variable variable = find(name);
		if (variable == null || variable.value == null) {
			return null;
		}
		unlink(variable);
		return variable;
	}

	/**
	 * Forget every variable without running anything.
	 */
	void dropAll() {
		this.variables = null;
		this.last = null;
	}

	void addCallback(String name, Runnable callback) {
		Variable variable = find(name);
		if (variable == null) {
			variable = new Variable(name, null);
			append(variable);
		}
		variable.addCallback(callback);
	}

	int callbackCount(String name) {
		Variable variable = find(name);
		return (variable != null) ? variable.callbackCount() : -1;
	}

	/**
	 * Undo what a failed creation left: drop callbacks registered after the given count
	 * and the variable itself if it did not exist before ({@code -1}).
	 */
	void rollback(String name, int callbackCountBefore) {
		Variable variable = find(name);
		if (variable == null || variable.value != null) {
			return;
		}
		if (callbackCountBefore < 0) {
			unlink(variable);
		}
		else {
			variable.truncateCallbacks(callbackCountBefore);
		}
	}

	@Nullable Variable remove(String name) {
		Variable variable = find(name);
		if (variable != null) {
			unlink(variable);
		}
		return variable;
	}

	/**
	 * Remove and return the most recently created variable.
	 */
	@Nullable Variable removeLast() {
		Variable variable = this.last;
		if (variable != null) {
			unlink(variable);
		}
		return variable;
	}

	private void append(Variable variable) {
		Map<String, Variable> variables = this.variables;
		if (variables == null) {
			variables = new HashMap<>();
			this.variables = variables;
		}
		variables.put(variable.name, variable);
		variable.previous = this.last;
		if (this.last != null) {
			this.last.next = variable;
		}
		this.last = variable;
	}

	private void unlink(Variable variable) {
		if (this.variables != null) {
			this.variables.remove(variable.name);
		}
		if (variable.previous != null) {
			variable.previous.next = variable.next;
		}
		if (variable.next != null) {
			variable.next.previous = variable.previous;
		}
		else {
			this.last = variable.previous;
		}
		variable.previous = null;
		variable.next = null;
	}

	/**
	 * One named variable: its value (none while only callbacks were registered) and its
	 * destruction callbacks.
	 */
	static final class Variable {

		final String name;

		@Nullable Object value;

		private @Nullable List<Runnable> callbacks;

		private @Nullable Variable previous;

		private @Nullable Variable next;

		Variable(String name, @Nullable Object value) {
			this.name = name;
			this.value = value;
		}

		void addCallback(Runnable callback) {
			if (this.callbacks == null) {
				this.callbacks = new ArrayList<>(1);
			}
			this.callbacks.add(callback);
		}

		int callbackCount() {
			return (this.callbacks != null) ? this.callbacks.size() : 0;
		}

		void truncateCallbacks(int count) {
			if (this.callbacks != null) {
				this.callbacks.subList(count, this.callbacks.size()).clear();
			}
		}

		List<Runnable> callbacks() {
			return (this.callbacks != null) ? this.callbacks : List.of();
		}

	}

}
