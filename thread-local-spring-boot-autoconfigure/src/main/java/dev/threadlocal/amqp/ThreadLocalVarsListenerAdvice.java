package dev.threadlocal.amqp;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Advice of a listener container's advice chain that runs each invocation of the listener
 * inside a {@link BoundaryKind#LISTENER listener boundary}: one delivery (or one batch of
 * deliveries, or one fragment of a de-batched message), or one attempt of it when a retry
 * interceptor comes earlier in the chain.
 * <p>
 * The boundary ends however the listener returns; this advice adds no exception of its own,
 * except that of the {@code FAIL} leak detection mode when the invocation begins.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsListenerAdvice implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(ThreadLocalVarsListenerAdvice.class);

	private final ThreadLocalVars threadLocalVars;

	/**
	 * Create an advice that clears the given variables after each invocation.
	 * @param threadLocalVars the variables to clear
	 */
	public ThreadLocalVarsListenerAdvice(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		ThreadLocalVars.Boundary boundary = this.threadLocalVars.openBoundary(BoundaryKind.LISTENER);
		try {
			return invocation.proceed();
		}
		finally {
			try {
				boundary.close();
			}
			catch (RuntimeException ex) {
				logger.error("Could not end the listener boundary on thread '" + Thread.currentThread().getName()
						+ "'", ex);
			}
		}
	}

}
