package dev.threadlocal.sample;

import dev.threadlocal.ThreadLocalScope;

import org.springframework.stereotype.Component;

/**
 * {@link UserHolder} in the starter's {@link ThreadLocalScope @ThreadLocalScope}.
 *
 * @since 0.1.0
 */
@Component
@ThreadLocalScope
public class ThreadLocalScopeUserHolder extends UserHolder {

	public ThreadLocalScopeUserHolder(ComparisonStatistics statistics) {
		super(statistics.getThreadLocalScope());
	}

}
