package dev.threadlocal;

/**
 * Thrown when a thread-local variable that must exist is not set on the current thread.
 *
 * @since 0.1.0
 * @see ThreadLocalVars#getRequired(String)
 */
public class MissingThreadLocalVarException extends IllegalStateException {

	private final String variableName;

	private final String threadDescription;

	/**
	 * Create a new exception for the given variable and the current thread.
	 * @param variableName the name of the variable that is not set
	 */
	public MissingThreadLocalVarException(String variableName) {
		this(variableName, ThreadDescription.current());
	}

	private MissingThreadLocalVarException(String variableName, String threadDescription) {
		super("Thread-local variable '" + variableName + "' is not set on " + threadDescription
				+ ": create it first with getOrCreate or set, or use getOrCreate where it may be absent");
		this.variableName = variableName;
		this.threadDescription = threadDescription;
	}

	/**
	 * Return the name of the variable that is not set.
	 * @return the variable name
	 */
	public String getVariableName() {
		return this.variableName;
	}

	/**
	 * Return a description of the thread the variable was looked up on.
	 * @return the thread's name and id
	 */
	public String getThreadDescription() {
		return this.threadDescription;
	}

}
