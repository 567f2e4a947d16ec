package dev.threadlocal.aop;

import java.lang.reflect.Method;

import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Advisor of the methods that run inside a boundary: {@code @ThreadLocalBoundary} methods
 * and classes, and methods carrying one of the {@link BoundaryAnnotation listener
 * annotations}.
 */
@SuppressWarnings("serial")
final class ThreadLocalBoundaryAdvisor extends AbstractPointcutAdvisor {

	private final transient BoundaryMethods methods;

	private final transient ThreadLocalBoundaryInterceptor interceptor;

	private final transient Pointcut pointcut;

	ThreadLocalBoundaryAdvisor(BoundaryMethods methods, ThreadLocalBoundaryInterceptor interceptor) {
		this.methods = methods;
		this.interceptor = interceptor;
		this.pointcut = new BoundaryPointcut(methods);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	BoundaryMethods getMethods() {
		return this.methods;
	}

	private static final class BoundaryPointcut extends StaticMethodMatcherPointcut {

		private final BoundaryMethods methods;

		BoundaryPointcut(BoundaryMethods methods) {
			this.methods = methods;
			setClassFilter(methods::isCandidateClass);
		}

		@Override
		public boolean matches(Method method, @Nullable Class<?> targetClass) {
			return this.methods.kindOf(method, targetClass) != null;
		}

	}

}
