package dev.threadlocal;

/**
 * What a boundary does when it begins on a thread that still holds variables left there by
 * code outside any boundary.
 * <p>
 * The same modes apply to what {@link dev.threadlocal.hygiene.ThreadStateGuard thread state
 * guards} find when an outermost boundary begins or ends, except that {@link #FAIL} only
 * refuses work that is about to begin: state left when the work ends is reported and
 * cleared, never thrown.
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
