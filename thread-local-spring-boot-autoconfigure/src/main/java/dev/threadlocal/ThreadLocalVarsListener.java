package dev.threadlocal;

import java.util.List;

/**
 * Callback interface for what happens to {@link ThreadLocalVars}, for metrics and
 * diagnostics. Methods are called on the thread concerned, must be fast, and must not
 * throw: an exception is logged and ignored.
 * <p>
 * Variable names are user-supplied and may be high-cardinality; never pass values on.
 *
 * @since 0.1.0
 * @see ThreadLocalVars#addListener(ThreadLocalVarsListener)
 */
public interface ThreadLocalVarsListener {

	/**
	 * Called when a value is stored for a variable (created, set or replaced).
	 * @param name the name of the variable
	 */
	default void variableCreated(String name) {
	}

	/**
	 * Called when a variable's value is removed (deleted, replaced, cleared or removed
	 * from the scope).
	 * @param name the name of the variable
	 */
	default void variableDestroyed(String name) {
	}

	/**
	 * Called when a destruction callback of a variable throws.
	 * @param name the name of the variable
	 * @param failure what the callback threw
	 */
	default void destructionCallbackFailed(String name, Throwable failure) {
	}

	/**
	 * Called when a boundary begins on a thread that still holds variables.
	 * @param kind the kind of unit of work that found them
	 * @param names the names of the leaked variables
	 */
	default void leakDetected(BoundaryKind kind, List<String> names) {
	}

	/**
	 * Called when a thread state guard finds state on the thread as an outermost boundary
	 * opens (left by code outside any boundary) or closes (left by the unit of work).
	 * @param kind the kind of unit of work
	 * @param guard the name of the guard, of low cardinality
	 * @param keys the names of the state found, never values
	 * @param atStart whether the boundary was opening rather than closing
	 * @see dev.threadlocal.hygiene.ThreadStateGuard
	 */
	default void threadStateLeaked(BoundaryKind kind, String guard, List<String> keys, boolean atStart) {
	}

	/**
	 * Called when an outermost boundary ends and has cleared the thread.
	 * @param kind the kind of unit of work that ended
	 * @param variablesCleared how many variables with a value it cleared
	 */
	default void boundaryEnded(BoundaryKind kind, int variablesCleared) {
	}

}
