package dev.threadlocal.sample;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.stereotype.Component;

/**
 * {@link UserHolder} in Spring's own {@link SimpleThreadScope}, as applications use it today.
 *
 * @since 0.1.0
 */
@Component
@Scope(scopeName = ComparisonConfiguration.SPRING_THREAD_SCOPE_NAME, proxyMode = ScopedProxyMode.TARGET_CLASS)
public class SimpleThreadScopeUserHolder extends UserHolder {

	public SimpleThreadScopeUserHolder(ComparisonStatistics statistics) {
		super(statistics.getSimpleThreadScope());
	}

}
