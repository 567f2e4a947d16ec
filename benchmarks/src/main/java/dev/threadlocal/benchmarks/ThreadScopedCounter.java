package dev.threadlocal.benchmarks;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;

/**
 * {@link Counter} in Spring's {@link SimpleThreadScope}, reached through a scoped proxy.
 */
@Scope(value = ThreadScopedCounter.SCOPE_NAME, proxyMode = ScopedProxyMode.TARGET_CLASS)
public class ThreadScopedCounter extends Counter {

	/**
	 * Name under which the benchmarks register {@link SimpleThreadScope}.
	 */
	public static final String SCOPE_NAME = "thread";

}
