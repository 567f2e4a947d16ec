package dev.threadlocal;

/**
 * What a boundary does when it begins on a thread that still holds variables left there by
 * code outside any boundary.
 *
 * @since 0.1.0
 * @see ThreadLocalVars#setLeakDetection(LeakDetection)
 */
public enum LeakDetection {

	/**
	 * Log one warning naming the variables (never their values) and the thread, count the
	 * leak, and clear the variables before the work starts.
	 */
	WARN_AND_CLEAR,

	/**
	 * Count the leak and clear the variables before the work starts, without logging.
	 */
	CLEAR,

	/**
	 * Count the leak, clear the variables and refuse to start the work with an
	 * {@link IllegalStateException}.
	 */
	FAIL,

	/**
	 * Detect nothing: the work starts with whatever the thread holds, which is cleared
	 * when the boundary ends.
	 */
	OFF

}
