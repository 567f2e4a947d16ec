package dev.threadlocal.amqp;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Decorates an interceptor that calls {@link MethodInvocation#proceed()} more than once
 * (Spring AMQP 4's {@code StatelessRetryOperationsInterceptor} retries with
 * {@code invocation::proceed}) so that each call runs the rest of the advice chain again,
 * as Spring Retry's interceptor did with {@link ProxyMethodInvocation#invocableClone()}.
 * Without it, a second {@code proceed()} on the same invocation skips every later advice
 * and calls the listener directly.
 */
final class RepeatableProceedInterceptor implements MethodInterceptor {

	private final MethodInterceptor delegate;

	RepeatableProceedInterceptor(MethodInterceptor delegate) {
		this.delegate = delegate;
	}

	MethodInterceptor getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (!(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return this.delegate.invoke(invocation);
		}
		return this.delegate.invoke(new RepeatableInvocation(proxyInvocation));
	}

	@Override
	public String toString() {
		return "RepeatableProceedInterceptor[" + this.delegate + "]";
	}

	/**
	 * An invocation whose every {@code proceed()} runs a fresh copy of the original one
	 * from the same place in the chain.
	 */
	private static final class RepeatableInvocation implements MethodInvocation {

		private final ProxyMethodInvocation invocation;

		RepeatableInvocation(ProxyMethodInvocation invocation) {
			this.invocation = invocation;
		}

		@Override
		public Method getMethod() {
			return this.invocation.getMethod();
		}

		@Override
		public @Nullable Object[] getArguments() {
			return this.invocation.getArguments();
		}

		@Override
		public @Nullable Object proceed() throws Throwable {
			return ((ProxyMethodInvocation) this.invocation.invocableClone()).proceed();
		}

		@Override
		public @Nullable Object getThis() {
			return this.invocation.getThis();
		}

		@Override
		public AccessibleObject getStaticPart() {
			return this.invocation.getStaticPart();
		}

	}

}
