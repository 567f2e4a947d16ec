package dev.threadlocal.hygiene;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * {@link ThreadStateGuard} of Spring Security's {@link SecurityContextHolder}, active only
 * while its strategy keeps the context in a thread-local ({@code MODE_THREADLOCAL} or
 * {@code MODE_INHERITABLETHREADLOCAL}); an authentication is present state.
 * <p>
 * Spring Security has no read that leaves the holder as it was: both
 * {@code getContext()} and {@code getDeferredContext()} store an empty context when there
 * is none. So when the context holds no authentication, this guard removes the empty
 * context again, which leaves the thread as a fresh thread would be.
 *
 * @since 0.1.0
 */
public class SecurityContextGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "security-context";

	private static final String THREAD_LOCAL_STRATEGY = "org.springframework.security.core.context.ThreadLocalSecurityContextHolderStrategy";

	private static final String INHERITABLE_STRATEGY = "org.springframework.security.core.context.InheritableThreadLocalSecurityContextHolderStrategy";

	private static final List<String> KEYS = List.of("authentication");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		SecurityContextHolderStrategy strategy = threadLocalStrategy();
		if (strategy == null) {
			return false;
		}
		SecurityContext context = strategy.getContext();
		if (context != null && context.getAuthentication() != null) {
			return true;
		}
		strategy.clearContext(); // reading stored an empty context
		return false;
	}

	@Override
	public List<String> presentKeys() {
		return KEYS;
	}

	@Override
	public void clear() {
		SecurityContextHolderStrategy strategy = threadLocalStrategy();
		if (strategy != null) {
			strategy.clearContext();
		}
	}

	private static @Nullable SecurityContextHolderStrategy threadLocalStrategy() {
		SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
		String type = strategy.getClass().getName();
		return (THREAD_LOCAL_STRATEGY.equals(type) || INHERITABLE_STRATEGY.equals(type)) ? strategy : null;
	}

}
