package dev.threadlocal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.annotation.AliasFor;

/**
 * Specialization of {@link Scope @Scope} for a bean that has one instance per thread,
 * destroyed when the thread's variables are cleared (at the latest when the request ends).
 * <p>
 * Like {@code @RequestScope}, it defaults {@link #proxyMode()} to
 * {@link ScopedProxyMode#TARGET_CLASS TARGET_CLASS}, so that a singleton that injects the
 * bean always reaches the current thread's instance.
 *
 * @since 0.1.0
 * @see ThreadLocalVarScope
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Scope(ThreadLocalVarScope.SCOPE_NAME)
public @interface ThreadLocalScope {

	/**
	 * Alias for {@link Scope#proxyMode}.
	 * <p>
	 * Defaults to {@link ScopedProxyMode#TARGET_CLASS}.
	 * @return the proxy mode
	 */
	@AliasFor(annotation = Scope.class)
	ScopedProxyMode proxyMode() default ScopedProxyMode.TARGET_CLASS;

}
