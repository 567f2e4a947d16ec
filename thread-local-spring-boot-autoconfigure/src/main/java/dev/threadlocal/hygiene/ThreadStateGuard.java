package dev.threadlocal.hygiene;

import java.util.List;

import org.springframework.core.Ordered;

/**
 * Per-thread state that an outermost boundary checks when a unit of work starts and when
 * it ends, such as a legacy {@link ThreadLocal}, MDC keys or a framework's context holder.
 * <p>
 * Implementations are called on the thread concerned, on every outermost boundary: they
 * must be fast, must not allocate when nothing is present, and must never create the
 * state they check. They report names only, never values. Register them as beans; they
 * run in {@link Ordered order}.
 *
 * @since 0.1.0
 */
public interface ThreadStateGuard extends Ordered {

	/**
	 * Return the name of this guard, short, constant and of low cardinality, as used in
	 * log messages and as the {@code guard} tag of metrics, for example {@code mdc}.
	 * @return the name
	 */
	String getName();

	/**
	 * Return whether any of the guarded state is present on the current thread, without
	 * creating any.
	 * @return whether state is present
	 */
	boolean isPresent();

	/**
	 * Return the names of the guarded state present on the current thread (for example
	 * MDC keys), never their values. Called only after {@link #isPresent()} returned
	 * {@code true}.
	 * @return the names, not empty when state is present
	 */
	List<String> presentKeys();

	/**
	 * Remove the guarded state from the current thread.
	 */
	void clear();

	/**
	 * Return whether the state is removed at the end of every outermost boundary, even
	 * when leak detection is {@code OFF} (state the application set for the unit of work
	 * itself, such as a tenant or MDC keys). Framework state that its owner clears returns
	 * {@code false}: it is only cleared when reported as a leak.
	 * @return whether the state is always cleared at the end
	 */
	default boolean isClearedAtEnd() {
		return false;
	}

	@Override
	default int getOrder() {
		return 0;
	}

}
