package dev.threadlocal.hygiene;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.ReflectionUtils;

/**
 * {@link ThreadStateGuard} of Spring Security's {@link SecurityContextHolder}, active only
 * while its strategy keeps the context in a thread-local ({@code MODE_THREADLOCAL} or
 * {@code MODE_INHERITABLETHREADLOCAL}); an authentication is present state.
 * <p>
 * Spring Security has no public read that leaves the holder as it was: both
 * {@code getContext()} and {@code getDeferredContext()} store an empty context when there
 * is none. So this guard reads the strategy's own {@code ThreadLocal} (its private static
 * {@code contextHolder} field, looked up once) to see whether a context is stored at all,
 * and only then reads the context. Where that field cannot be read (a future Spring
 * Security), it reads the context and, when it holds no authentication, removes the empty
 * context it created. Either way a stored context without an authentication is removed,
 * which leaves the thread as a fresh thread would be.
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

	private static final Log logger = LogFactory.getLog(SecurityContextGuard.class);

	@Override
	public String getName() {
		return NAME;
	}

	private volatile @Nullable Probe probe;

	@Override
	public boolean isPresent() {
		SecurityContextHolderStrategy strategy = threadLocalStrategy();
		if (strategy == null) {
			return false;
		}
		ThreadLocal<?> holder = holderOf(strategy);
		if (holder != null && holder.get() == null) {
			return false; // nothing stored, and nothing created by looking
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

	private @Nullable ThreadLocal<?> holderOf(SecurityContextHolderStrategy strategy) {
		Probe probe = this.probe;
		if (probe == null || probe.strategyType != strategy.getClass()) {
			probe = new Probe(strategy.getClass(), findHolder(strategy.getClass()));
			this.probe = probe;
		}
		return probe.holder;
	}

	private static @Nullable ThreadLocal<?> findHolder(Class<?> strategyType) {
		try {
			Field field = ReflectionUtils.findField(strategyType, "contextHolder", ThreadLocal.class);
			if (field == null || !Modifier.isStatic(field.getModifiers())) {
				return null;
			}
			ReflectionUtils.makeAccessible(field);
			return (ThreadLocal<?>) field.get(null);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Cannot read the thread-local of " + strategyType.getName()
						+ "; reading the security context instead", ex);
			}
			return null;
		}
	}

	private static @Nullable SecurityContextHolderStrategy threadLocalStrategy() {
		SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
		String type = strategy.getClass().getName();
		return (THREAD_LOCAL_STRATEGY.equals(type) || INHERITABLE_STRATEGY.equals(type)) ? strategy : null;
	}

	/**
	 * The thread-local of one strategy class, or {@code null} if it cannot be read.
	 */
	private record Probe(Class<?> strategyType, @Nullable ThreadLocal<?> holder) {

	}

}
