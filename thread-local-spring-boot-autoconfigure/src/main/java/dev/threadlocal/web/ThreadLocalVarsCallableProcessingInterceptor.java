package dev.threadlocal.web;

import java.util.concurrent.Callable;

import dev.threadlocal.ThreadLocalVars;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

/**
 * {@link CallableProcessingInterceptor} that clears the thread's {@link ThreadLocalVars}
 * on the executor thread once a controller's {@link Callable} has run there.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsCallableProcessingInterceptor implements CallableProcessingInterceptor {

	private final ThreadLocalVars threadLocalVars;

	/**
	 * Create an interceptor that clears the given variables.
	 * @param threadLocalVars the variables to clear after each {@link Callable}
	 */
	public ThreadLocalVarsCallableProcessingInterceptor(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
		this.threadLocalVars.clear();
	}

}
