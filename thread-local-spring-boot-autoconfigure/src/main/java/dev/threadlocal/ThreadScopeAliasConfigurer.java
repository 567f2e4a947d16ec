package dev.threadlocal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.beans.factory.config.Scope;
import org.springframework.context.support.SimpleThreadScope;

/**
 * {@link BeanFactoryPostProcessor} that registers the {@value ThreadLocalVarScope#SCOPE_NAME}
 * scope under the name {@value #THREAD_SCOPE_NAME} as well, replacing a Spring
 * {@link SimpleThreadScope} registered there, so that existing {@code @Scope("thread")}
 * beans are destroyed, {@code @PreDestroy} included, when each unit of work ends.
 * <p>
 * It is deliberately not {@link org.springframework.core.Ordered}: Spring runs such
 * post-processors after the ordered ones, so after every {@link CustomScopeConfigurer}
 * (ordered last). Any other scope registered under the name is kept, with a warning.
 *
 * @since 0.1.0
 */
public class ThreadScopeAliasConfigurer implements BeanFactoryPostProcessor {

	/**
	 * Name under which Spring's {@link SimpleThreadScope} is usually registered.
	 */
	public static final String THREAD_SCOPE_NAME = "thread";

	private static final Log logger = LogFactory.getLog(ThreadScopeAliasConfigurer.class);

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		Scope existing = beanFactory.getRegisteredScope(THREAD_SCOPE_NAME);
		if (existing instanceof ThreadLocalVarScope) {
			return;
		}
		if (existing != null && existing.getClass() != SimpleThreadScope.class) {
			logger.warn("Scope '" + THREAD_SCOPE_NAME + "' is already registered as " + existing.getClass().getName()
					+ ": kept it, so @Scope(\"" + THREAD_SCOPE_NAME + "\") beans are not cleared when a unit of work "
					+ "ends. Remove that registration or set thread-local.register-as-thread-scope=false");
			return;
		}
		if (existing != null && logger.isInfoEnabled()) {
			logger.info("Replaced Spring's SimpleThreadScope registered as scope '" + THREAD_SCOPE_NAME + "' with the '"
					+ ThreadLocalVarScope.SCOPE_NAME + "' scope (thread-local.register-as-thread-scope=true)");
		}
		beanFactory.registerScope(THREAD_SCOPE_NAME,
				new ThreadLocalVarScope(() -> beanFactory.getBean(ThreadLocalVars.class)));
	}

}
