package dev.threadlocal.hygiene;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * {@link ThreadStateGuard} of the application's own {@link ManagedThreadLocal}s, removed at
 * the end of every outermost boundary.
 *
 * @since 0.1.0
 */
public class ThreadLocalsGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "thread-locals";

	private final ManagedThreadLocal[] threadLocals;

	/**
	 * Create a guard of the given thread-locals.
	 * @param threadLocals the thread-locals to guard
	 */
	public ThreadLocalsGuard(List<ManagedThreadLocal> threadLocals) {
		Assert.notNull(threadLocals, "'threadLocals' must not be null");
		this.threadLocals = threadLocals.toArray(new ManagedThreadLocal[0]);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		for (ManagedThreadLocal threadLocal : this.threadLocals) {
			if (threadLocal.isPresent()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public List<String> presentKeys() {
		List<String> keys = new ArrayList<>();
		for (ManagedThreadLocal threadLocal : this.threadLocals) {
			if (threadLocal.isPresent()) {
				keys.add(threadLocal.getName());
			}
		}
		return keys;
	}

	@Override
	public void clear() {
		for (ManagedThreadLocal threadLocal : this.threadLocals) {
			threadLocal.remove();
		}
	}

	@Override
	public boolean isClearedAtEnd() {
		return true;
	}

}
