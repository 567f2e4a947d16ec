package dev.threadlocal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The state of one thread: its variables in creation order with their destruction
 * callbacks, the creations in progress and the open boundaries.
 * <p>
 * Only ever used by the thread that owns it, so it takes no locks. {@link ThreadLocalVars}
 * keeps one instance attached to the thread from the first operation that needs it until
 * {@link #isUnused()}; while an operation runs user code (a factory, a destruction
 * callback, a listener) the instance counts as in use, so every operation, however deeply
 * nested, works on the same instance.
 */
final class ThreadVariables {

	/**
	 * The variables by name, allocated when the first one is stored: a boundary around
	 * work that stores nothing allocates no map.
	 */
	private @Nullable Map<String, Variable> variables;

	private @Nullable Variable last;

	private @Nullable Creation creation;

	private ThreadLocalVars.@Nullable Boundary innermostBoundary;

	private int boundaryDepth;

	/**
	 * How many operations that run user code are in progress on the thread.
	 */
	private int operations;

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

	/**
	 * Whether nothing needs this instance to stay attached to its thread.
	 */
	boolean isUnused() {
		return this.last == null && this.boundaryDepth == 0 && this.operations == 0;
	}

	void beginOperation() {
		this.operations++;
	}

	void endOperation() {
		this.operations--;
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

	// Boundaries

	int boundaryDepth() {
		return this.boundaryDepth;
	}

	ThreadLocalVars.@Nullable Boundary innermostBoundary() {
		return this.innermostBoundary;
	}

	void pushBoundary(ThreadLocalVars.Boundary boundary) {
		this.innermostBoundary = boundary;
		this.boundaryDepth++;
	}

	/**
	 * End every boundary opened inside the given open boundary and left open, innermost
	 * first, returning how many there were.
	 */
	int endBoundariesInside(ThreadLocalVars.Boundary boundary) {
		int ended = 0;
		ThreadLocalVars.Boundary innermost = this.innermostBoundary;
		while (innermost != boundary) {
			if (innermost == null) {
				throw new IllegalStateException("Boundary " + boundary + " is not open on this thread");
			}
			endInnermostBoundary(innermost);
			innermost = this.innermostBoundary;
			ended++;
		}
		return ended;
	}

	/**
	 * End the innermost open boundary.
	 */
	void endInnermostBoundary(ThreadLocalVars.Boundary boundary) {
		this.innermostBoundary = boundary.end();
		this.boundaryDepth--;
	}

	// Creations

	boolean isCreating() {
		return this.creation != null;
	}

	boolean isCreating(String name) {
		for (Creation creation = this.creation; creation != null; creation = creation.enclosing) {
			if (creation.name.equals(name)) {
				return true;
			}
		}
		return false;
	}

	Creation beginCreation(String name) {
		Creation creation = new Creation(name, this.creation);
		this.creation = creation;
		return creation;
	}

	/**
	 * End the given creation, the innermost one: creations nest with the factories that
	 * run them.
	 */
	void endCreation(Creation creation) {
		this.creation = creation.enclosing;
	}

	/**
	 * Undo what a failed creation added: exactly the callbacks registered for its name
	 * while it ran (by identity) that are still there, and the variable if nothing is
	 * left in it.
	 */
	void rollback(Creation creation) {
		List<Runnable> added = creation.addedCallbacks;
		if (added == null) {
			return;
		}
		for (int i = added.size() - 1; i >= 0; i--) {
			Variable variable = find(creation.name);
			if (variable != null && variable.removeCallback(added.get(i)) && variable.isEmpty()) {
				unlink(variable);
			}
		}
	}

	// Variables

	/**
	 * Store a value for a variable that holds none. A variable that only held callbacks
	 * keeps them and its place; otherwise the variable is appended.
	 */
	void put(String name, Object value) {
		Variable existing = find(name);
		if (existing != null) {
			existing.value = value;
		}
		else {
			append(new Variable(name, value));
		}
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
		for (Creation creation = this.creation; creation != null; creation = creation.enclosing) {
			if (creation.name.equals(name)) {
				creation.added(callback);
				return;
			}
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
	 * destruction callbacks, in registration order.
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

		/**
		 * Remove the last registration of exactly this callback.
		 */
		boolean removeCallback(Runnable callback) {
			List<Runnable> callbacks = this.callbacks;
			if (callbacks != null) {
				for (int i = callbacks.size() - 1; i >= 0; i--) {
					if (callbacks.get(i) == callback) {
						callbacks.remove(i);
						return true;
					}
				}
			}
			return false;
		}

		boolean isEmpty() {
			return this.value == null && (this.callbacks == null || this.callbacks.isEmpty());
		}

		List<Runnable> callbacks() {
			return (this.callbacks != null) ? this.callbacks : List.of();
		}

	}

	/**
	 * A creation in progress: the name its factory is creating and the callbacks
	 * registered for that name while the factory runs.
	 */
	static final class Creation {

		final String name;

		private final @Nullable Creation enclosing;

		private @Nullable List<Runnable> addedCallbacks;

		private Creation(String name, @Nullable Creation enclosing) {
			this.name = name;
			this.enclosing = enclosing;
		}

		private void added(Runnable callback) {
			if (this.addedCallbacks == null) {
				this.addedCallbacks = new ArrayList<>(2);
			}
			this.addedCallbacks.add(callback);
		}

	}

}
