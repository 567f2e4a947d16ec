package dev.threadlocal;

import java.lang.ref.Reference;
import java.lang.reflect.Field;

import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads the current thread's {@link ThreadLocal} map reflectively, to prove that nothing
 * of ours stays in it, not even an entry without a value (needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}).
 */
final class ThreadLocalMaps {

	private ThreadLocalMaps() {
	}

	/**
	 * Return whether the current thread's map has an entry for the thread-local that
	 * backs the given variables.
	 */
	static boolean hasEntry(ThreadLocalVars vars) {
		ThreadLocal<?> key = (ThreadLocal<?>) ReflectionTestUtils.getField(vars, "variables");
		return hasEntry(Thread.currentThread(), key);
	}

	private static boolean hasEntry(Thread thread, ThreadLocal<?> key) {
		Object map = read(Thread.class, "threadLocals", thread);
		if (map == null) {
			return false;
		}
		Object[] table = (Object[]) read(map.getClass(), "table", map);
		for (Object entry : table) {
			if (entry != null && ((Reference<?>) entry).get() == key) {
				return true;
			}
		}
		return false;
	}

	private static Object read(Class<?> type, String name, Object target) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			throw new IllegalStateException("No field '" + name + "' in " + type);
		}
		field.setAccessible(true);
		return ReflectionUtils.getField(field, target);
	}

}
