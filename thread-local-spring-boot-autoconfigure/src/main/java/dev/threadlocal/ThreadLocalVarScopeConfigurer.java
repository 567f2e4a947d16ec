package dev.threadlocal;

import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.aot.AotDetector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;

/**
 * {@link BeanFactoryPostProcessor} that registers the {@value ThreadLocalVarScope#SCOPE_NAME}
 * scope, backed by the context's {@link ThreadLocalVars} bean, and gives its class-based
 * scoped proxies the fast path of {@link ThreadLocalScopedProxyFactoryBean}.
 * <p>
 * Under Spring AOT (ahead-of-time processing and runs with generated artifacts, native
 * images included) the scoped proxies stay Spring's standard ones, whose classes AOT
 * generates at build time.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarScopeConfigurer implements BeanFactoryPostProcessor, Ordered {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		beanFactory.registerScope(ThreadLocalVarScope.SCOPE_NAME,
				new ThreadLocalVarScope(() -> beanFactory.getBean(ThreadLocalVars.class)));
		if (!isAot()) {
			useFastScopedProxies(beanFactory);
		}
	}

	private void useFastScopedProxies(ConfigurableListableBeanFactory beanFactory) {
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
			if (isThreadLocalScopedProxy(beanFactory, definition)
					&& definition instanceof AbstractBeanDefinition abstractDefinition) {
				abstractDefinition.setBeanClass(ThreadLocalScopedProxyFactoryBean.class);
			}
		}
	}

	private boolean isThreadLocalScopedProxy(ConfigurableListableBeanFactory beanFactory, BeanDefinition definition) {
		if (!ScopedProxyFactoryBean.class.getName().equals(definition.getBeanClassName())) {
			return false;
		}
		Object targetBeanName = definition.getPropertyValues().get("targetBeanName");
		return targetBeanName instanceof String name && beanFactory.containsBeanDefinition(name)
				&& ThreadLocalVarScope.SCOPE_NAME.equals(beanFactory.getBeanDefinition(name).getScope());
	}

	private static boolean isAot() {
		return AotDetector.useGeneratedArtifacts() || NativeDetector.inNativeImage()
				|| Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
