package dev.threadlocal.web;

import java.util.concurrent.Callable;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;
import org.springframework.util.Assert;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

/**
 * {@link CallableProcessingInterceptor} that runs a controller's {@link Callable} (or
 * {@code StreamingResponseBody}) inside a {@link BoundaryKind#REQUEST request boundary}
 * on the executor thread: it starts with nothing left on the thread and the thread is
 * cleared when it is done.
 * <p>
 * The boundary does not run the thread state guards: interceptors registered before this
 * one (Spring Security's) set their state on the executor thread before it opens and
 * clear it after it closes.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsCallableProcessingInterceptor implements CallableProcessingInterceptor {

	private final ThreadLocalVars threadLocalVars;

	/**
	 * The boundary opened by {@link #preProcess} on this executor thread, until
	 * {@link #postProcess} (always called after it, on the same thread) closes it. Kept
	 * here rather than in the request, which may already be recycled after a timeout or a
	 * disconnect.
	 */
	private final ThreadLocal<ThreadLocalVars.Boundary> boundary = new NamedThreadLocal<>(
			"Thread-local variables boundary of a Callable");

	/**
	 * Create an interceptor that clears the given variables.
	 * @param threadLocalVars the variables to clear after each {@link Callable}
	 */
	public ThreadLocalVarsCallableProcessingInterceptor(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
		this.boundary.set(this.threadLocalVars.openBoundary(BoundaryKind.REQUEST, false));
	}

	@Override
	public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
		ThreadLocalVars.Boundary opened = this.boundary.get();
		if (opened != null) {
			this.boundary.remove();
			opened.close();
		}
	}

}
