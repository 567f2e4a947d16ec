package dev.threadlocal.hygiene;

/**
 * A legacy static thread-local of an application, as hygiene guards it.
 */
final class TenantContext {

	static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	static final ThreadLocal<String> WITH_INITIAL = ThreadLocal.withInitial(() -> "initial");

	static final String NOT_A_THREAD_LOCAL = "tenant";

	final ThreadLocal<String> instanceField = new ThreadLocal<>();

	static final ThreadLocal<String> NULL_FIELD = null;

	private TenantContext() {
	}

}
