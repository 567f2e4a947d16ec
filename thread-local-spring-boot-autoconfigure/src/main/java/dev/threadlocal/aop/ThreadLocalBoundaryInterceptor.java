package dev.threadlocal.aop;

import java.util.function.Supplier;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs a method invocation inside a boundary of the method's kind: it joins the boundary
 * already open on the thread, or is the outermost one and clears the thread when the
 * method returns or throws.
 */
final class ThreadLocalBoundaryInterceptor implements MethodInterceptor {

	private final SingletonSupplier<ThreadLocalVars> threadLocalVars;

	private final BoundaryMethods methods;

	ThreadLocalBoundaryInterceptor(Supplier<ThreadLocalVars> threadLocalVars, BoundaryMethods methods) {
		this.threadLocalVars = SingletonSupplier.of(threadLocalVars);
		this.methods = methods;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
		BoundaryKind kind = this.methods.kindOf(invocation.getMethod(), targetClass);
		if (kind == null) {
			return invocation.proceed();
		}
		try (ThreadLocalVars.Boundary boundary = this.threadLocalVars.obtain().openBoundary(kind)) {
			return invocation.proceed();
		}
	}

}
