package dev.threadlocal.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.threadlocal.ThreadLocalBoundary;
import dev.threadlocal.ThreadLocalVars;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Proxies beans with {@link ThreadLocalBoundary @ThreadLocalBoundary} methods or methods
 * carrying one of the {@link BoundaryAnnotation listener annotations}, so that each call
 * through the bean runs inside a boundary. A bean that is already a proxy gets the advice
 * added in front of its advisors, so the boundary encloses a transaction or a user's aspect
 * on the same bean.
 * <p>
 * Proxies are class-based. A bean that such a proxy would break is left as it is, with a
 * warning that names it: a final class (a record, for example), or a class with final
 * methods or private listener methods, which the proxy would run on its own uninitialised
 * instance (spring-framework #30938). Private and static {@code @ThreadLocalBoundary}
 * methods are not advised (a warning names them); the rest of the bean is. Infrastructure
 * beans ({@link BeanDefinition#ROLE_INFRASTRUCTURE}) are never proxied.
 * <p>
 * It runs before the post-processors that register listener methods with their containers
 * ({@code @JmsListener}, {@code @PulsarListener}), so that they register the proxy.
 *
 * @since 0.1.0
 */
@SuppressWarnings("serial")
public class ThreadLocalBoundaryPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	/**
	 * Order of the post-processor: before the listener annotation post-processors, which
	 * are ordered {@link Ordered#LOWEST_PRECEDENCE}.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final Log logger = LogFactory.getLog(ThreadLocalBoundaryPostProcessor.class);

	private final transient BoundaryMethods methods;

	/**
	 * Create a post-processor whose boundaries use the given variables.
	 * @param threadLocalVars supplies the variables, called at the first advised call
	 * @param annotations the listener annotations whose methods run inside a boundary, in
	 * addition to {@code @ThreadLocalBoundary}
	 */
	public ThreadLocalBoundaryPostProcessor(Supplier<ThreadLocalVars> threadLocalVars,
			List<BoundaryAnnotation> annotations) {
		this.methods = new BoundaryMethods(annotations);
		this.advisor = new ThreadLocalBoundaryAdvisor(this.methods,
				new ThreadLocalBoundaryInterceptor(threadLocalVars, this.methods));
		setProxyTargetClass(true);
		setBeforeExistingAdvisors(true);
		setOrder(ORDER);
	}

	/**
	 * Return the listener annotations whose methods run inside a boundary.
	 * @return the annotations
	 */
	public List<BoundaryAnnotation> getAnnotations() {
		return this.methods.getAnnotations();
	}

	@Override
	protected boolean isEligible(Object bean, String beanName) {
		if (!super.isEligible(bean, beanName) || isInfrastructure(beanName)) {
			return false;
		}
		Class<?> type = ClassUtils.getUserClass(bean);
		if (Modifier.isFinal(type.getModifiers()) || type.isSealed()) {
			logger.warn("Bean '" + beanName + "' of " + (type.isRecord() ? "record" : "final class") + " "
					+ type.getName() + " has methods that should run inside a thread-local boundary, but a "
					+ "final class cannot be proxied: they run without one. Make the class non-final, or open "
					+ "a boundary in the method with ThreadLocalVars.openBoundary(...)");
			return false;
		}
		List<Method> runOnProxy = this.methods.methodsRunOnTheProxy(type);
		if (!runOnProxy.isEmpty()) {
			logger.warn("Bean '" + beanName + "' of " + type.getName()
					+ " has methods that should run inside a thread-local boundary, but it is not proxied: a "
					+ "class-based proxy would run these final or private methods on itself instead of the bean: "
					+ names(runOnProxy)
					+ ". Make them non-final and at least package-private, or open a boundary in the method "
					+ "with ThreadLocalVars.openBoundary(...)");
			return false;
		}
		List<Method> unadvisable = this.methods.unadvisableBoundaryMethods(type);
		if (!unadvisable.isEmpty()) {
			logger.warn("Bean '" + beanName + "' of " + type.getName()
					+ " has private or static @ThreadLocalBoundary methods, which a proxy cannot advise: "
					+ names(unadvisable) + " run without a boundary of their own");
		}
		return true;
	}

	private boolean isInfrastructure(String beanName) {
		return this.beanFactory != null && this.beanFactory.containsBeanDefinition(beanName)
				&& this.beanFactory.getBeanDefinition(beanName).getRole() == BeanDefinition.ROLE_INFRASTRUCTURE;
	}

	private static String names(List<Method> methods) {
		return methods.stream().map(Method::getName).distinct().collect(Collectors.joining(", "));
	}

}
