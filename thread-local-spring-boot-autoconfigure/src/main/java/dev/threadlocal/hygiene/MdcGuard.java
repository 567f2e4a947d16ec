package dev.threadlocal.hygiene;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.MDC;

import org.springframework.util.Assert;

/**
 * {@link ThreadStateGuard} of the listed SLF4J {@link MDC} keys, removed at the end of
 * every outermost boundary; other keys (a tracer's, set outside the boundary) are left
 * alone.
 *
 * @since 0.1.0
 */
public class MdcGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "mdc";

	private final String[] keys;

	/**
	 * Create a guard of the given MDC keys.
	 * @param keys the keys to guard
	 */
	public MdcGuard(List<String> keys) {
		Assert.notNull(keys, "'keys' must not be null");
		this.keys = keys.toArray(new String[0]);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		for (String key : this.keys) {
			if (MDC.get(key) != null) {
				return true;
			}
		}
		return false;
	}

	@Override
	public List<String> presentKeys() {
		List<String> present = new ArrayList<>();
		for (String key : this.keys) {
			if (MDC.get(key) != null) {
				present.add(key);
			}
		}
		return present;
	}

	@Override
	public void clear() {
		for (String key : this.keys) {
			MDC.remove(key);
		}
	}

	@Override
	public boolean isClearedAtEnd() {
		return true;
	}

}
