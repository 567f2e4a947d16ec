package dev.threadlocal.propagation;

import dev.threadlocal.ThreadLocalVars;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Micrometer context-propagation {@link ThreadLocalAccessor} for one variable of a
 * {@link ThreadLocalVars}, so that its value follows work handed to an executor that
 * propagates context.
 * <p>
 * The value is read on the sending thread without creating it and set on the receiving
 * thread, where it is deleted again when the task ends (and the task boundary clears the
 * thread anyway). The receiving thread gets the same instance but none of the sending
 * thread's destruction callbacks: propagate plain values such as ids, not thread-scoped
 * beans or values with destruction callbacks. Accessors never throw: in strict mode,
 * outside any boundary, the variable reads as absent and is not set.
 *
 * @since 0.1.0
 * @see ThreadLocalVarAccessorRegistrar
 */
public class ThreadLocalVarAccessor implements ThreadLocalAccessor<Object> {

	/**
	 * Prefix of the {@link #key() key}, followed by the name of the variable.
	 */
	public static final String KEY_PREFIX = "threadlocal.";

	private final ThreadLocalVars threadLocalVars;

	private final String name;

	private final String key;

	/**
	 * Create an accessor for the named variable of the given {@link ThreadLocalVars}.
	 * @param threadLocalVars the variables
	 * @param name the name of the variable to propagate
	 */
	public ThreadLocalVarAccessor(ThreadLocalVars threadLocalVars, String name) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		Assert.isTrue(name != null && !name.isBlank(), "'name' must not be null or blank");
		this.threadLocalVars = threadLocalVars;
		this.name = name;
		this.key = KEY_PREFIX + name;
	}

	/**
	 * Return the name of the variable this accessor propagates.
	 * @return the variable name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the {@link ThreadLocalVars} this accessor reads and writes.
	 * @return the variables
	 */
	public ThreadLocalVars getThreadLocalVars() {
		return this.threadLocalVars;
	}

	@Override
	public String key() {
		return this.key;
	}

	/**
	 * Return the current thread's value of the variable, or {@code null} when it is absent
	 * (or in strict mode outside any boundary). Never creates the variable.
	 */
	@Override
	public @Nullable Object getValue() {
		return isUsable() ? this.threadLocalVars.find(this.name) : null;
	}

	/**
	 * Set the propagated value on the current thread. Does nothing when the thread already
	 * holds this very instance (work run on the thread that captured it), so that its
	 * destruction callbacks stay with it; a different value is replaced, as with
	 * {@link ThreadLocalVars#set(String, Object)}.
	 */
	@Override
	public void setValue(Object value) {
		if (isUsable() && value != getValue()) {
			this.threadLocalVars.set(this.name, value);
		}
	}

	/**
	 * Delete the variable from the current thread, as the end of a propagated task does
	 * when the thread held no value before it.
	 */
	@Override
	public void setValue() {
		this.threadLocalVars.delete(this.name);
	}

	/**
	 * Put back the value the current thread held before the propagated task.
	 */
	@Override
	public void restore(Object previousValue) {
		setValue(previousValue);
	}

	/**
	 * Whether the variable may be used on this thread: not in strict mode outside any
	 * boundary, where every use throws.
	 */
	private boolean isUsable() {
		return !this.threadLocalVars.isStrict() || this.threadLocalVars.isInBoundary();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.key + "]";
	}

}
