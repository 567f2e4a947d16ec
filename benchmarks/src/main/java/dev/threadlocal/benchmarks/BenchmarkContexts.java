package dev.threadlocal.benchmarks;

import dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestScope;

/**
 * Creates the one application context in which a benchmark compares the scopes, so that
 * every scope's beans go through the same post-processors (the starter's
 * auto-configuration brings Spring Boot's, as in an application).
 */
final class BenchmarkContexts {

	private BenchmarkContexts() {
	}

	/**
	 * Create a context with the starter's auto-configuration and Spring's
	 * {@link SimpleThreadScope} and {@link RequestScope} registered, to which the caller
	 * adds its beans before refreshing it.
	 * @return the context, not yet refreshed
	 */
	static AnnotationConfigApplicationContext create() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getBeanFactory().registerScope(ThreadScopedCounter.SCOPE_NAME, new SimpleThreadScope());
		context.getBeanFactory().registerScope(WebApplicationContext.SCOPE_REQUEST, new RequestScope());
		context.register(ThreadLocalVarsAutoConfiguration.class);
		return context;
	}

}
