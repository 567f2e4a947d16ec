package dev.threadlocal.hygiene;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link ThreadLocal} that the application owns outside {@code ThreadLocalVars} (a
 * tenant or user held in a {@code static} field), named for reports, and removed at the
 * end of every outermost boundary by the {@link ThreadLocalsGuard}.
 * <p>
 * Register one as a bean, {@code ManagedThreadLocal.of("tenant", TenantContext.CURRENT)},
 * or name its field in {@code thread-local.hygiene.thread-locals}.
 *
 * @since 0.1.0
 */
public final class ManagedThreadLocal {

	private static final String SUPPLIED_THREAD_LOCAL = "java.lang.ThreadLocal$SuppliedThreadLocal";

	private final String name;

	private final ThreadLocal<?> threadLocal;

	private final boolean initialValue;

	private ManagedThreadLocal(String name, ThreadLocal<?> threadLocal) {
		this.name = name;
		this.threadLocal = threadLocal;
		this.initialValue = SUPPLIED_THREAD_LOCAL.equals(threadLocal.getClass().getName());
	}

	/**
	 * Create a managed thread-local.
	 * @param name the name used in reports, never the value
	 * @param threadLocal the thread-local to guard
	 * @return the managed thread-local
	 */
	public static ManagedThreadLocal of(String name, ThreadLocal<?> threadLocal) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(threadLocal, "'threadLocal' must not be null");
		return new ManagedThreadLocal(name, threadLocal);
	}

	/**
	 * Resolve a reference to a static {@link ThreadLocal} field, such as
	 * {@code com.acme.TenantContext.CURRENT}, named after the reference.
	 * @param reference the fully qualified class name, a dot and the field name
	 * @param classLoader the class loader to load the class with
	 * @return the managed thread-local
	 * @throws IllegalArgumentException if the class or the field does not exist, or the
	 * field is not a static {@code ThreadLocal} or is {@code null}
	 */
	public static ManagedThreadLocal ofStaticField(String reference, @Nullable ClassLoader classLoader) {
		Assert.hasText(reference, "'reference' must not be empty");
		String trimmed = reference.trim();
		int dot = trimmed.lastIndexOf('.');
		if (dot <= 0 || dot == trimmed.length() - 1) {
			throw new IllegalArgumentException("'" + trimmed
					+ "' does not name a static field: expected the fully qualified class name, a dot and the "
					+ "field name, for example com.acme.TenantContext.CURRENT");
		}
		String className = trimmed.substring(0, dot);
		String fieldName = trimmed.substring(dot + 1);
		Class<?> type;
		try {
			type = ClassUtils.forName(className, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalArgumentException("Class '" + className + "' of field '" + trimmed + "' was not found",
					ex);
		}
		Field field;
		try {
			field = type.getDeclaredField(fieldName);
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalArgumentException("Class '" + className + "' has no field '" + fieldName + "'", ex);
		}
		if (!Modifier.isStatic(field.getModifiers())) {
			throw new IllegalArgumentException("Field '" + trimmed + "' is not static");
		}
		if (!ThreadLocal.class.isAssignableFrom(field.getType())) {
			throw new IllegalArgumentException(
					"Field '" + trimmed + "' is not a ThreadLocal but a " + field.getType().getName());
		}
		Object value;
		try {
			field.setAccessible(true);
			value = field.get(null);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			throw new IllegalArgumentException("Field '" + trimmed + "' could not be read", ex);
		}
		if (value == null) {
			throw new IllegalArgumentException("Field '" + trimmed + "' is null");
		}
		return new ManagedThreadLocal(trimmed, (ThreadLocal<?>) value);
	}

	/**
	 * Return the name used in reports.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the guarded thread-local.
	 * @return the thread-local
	 */
	public ThreadLocal<?> getThreadLocal() {
		return this.threadLocal;
	}

	/**
	 * Return whether the current thread holds a value. A thread-local with an initial
	 * value ({@link ThreadLocal#withInitial}) is never reported, since reading it would
	 * create the value; it is still removed at the end.
	 * @return whether a value is present
	 */
	boolean isPresent() {
		if (this.initialValue) {
			return false;
		}
		// reading an empty thread-local leaves an entry without a value in the thread's map,
		// as the application's own first read would: kept, so that later checks allocate
		// nothing
		return this.threadLocal.get() != null;
	}

	void remove() {
		this.threadLocal.remove();
	}

	@Override
	public String toString() {
		return "ManagedThreadLocal '" + this.name + "'";
	}

}
