package dev.threadlocal.hygiene;

/**
 * A public static thread-local for tests in other packages.
 */
public final class ExposedTenant {

	/**
	 * The tenant of the current thread.
	 */
	public static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private ExposedTenant() {
	}

}
