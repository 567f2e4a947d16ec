package dev.threadlocal;

/**
 * Describes the current thread for error and log messages.
 */
final class ThreadDescription {

	private ThreadDescription() {
	}

	@SuppressWarnings("deprecation") // Thread.threadId() needs Java 19
	static long currentId() {
		return Thread.currentThread().getId();
	}

	static String current() {
		return "thread '" + Thread.currentThread().getName() + "' (id " + currentId() + ")";
	}

}
