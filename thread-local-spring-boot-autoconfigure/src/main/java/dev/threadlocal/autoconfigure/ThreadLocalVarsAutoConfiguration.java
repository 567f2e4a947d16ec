package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVarScopeConfigurer;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsSchedulingConfigurer;
import dev.threadlocal.ThreadLocalVarsTaskDecorator;
import dev.threadlocal.ThreadScopeAliasConfigurer;
import dev.threadlocal.hygiene.ThreadStateGuard;
import dev.threadlocal.web.ThreadLocalVarsCallableProcessingInterceptor;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link ThreadLocalVars}, the
 * {@value ThreadLocalVarScope#SCOPE_NAME} scope, and the filter and task decorator that
 * clear both when a request or task ends.
 * <p>
 * The task decorator is ordered last, so that Spring Boot's composite of all
 * {@code TaskDecorator} beans puts it outermost: a user's decorator (for example context
 * propagation) runs inside the boundary. {@link ThreadStateGuard} beans, in order, are
 * checked by every outermost boundary unless {@code thread-local.hygiene.enabled} is
 * {@code false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "thread-local.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadLocalVarsProperties.class)
public final class ThreadLocalVarsAutoConfiguration {

	/**
	 * A class that Spring Boot 4.0 moved, whose absence means an older Spring Boot on which
	 * the filter condition and the task decorator composition silently do not work.
	 */
	private static final String BOOT_4_CLASS = "org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean";

	@Bean
	static ThreadLocalVarScopeConfigurer threadLocalVarScopeConfigurer(ResourceLoader resourceLoader) {
		if (!ClassUtils.isPresent(BOOT_4_CLASS, resourceLoader.getClassLoader())) {
			throw new IllegalStateException("thread-local-spring-boot-starter needs Spring Boot 4.0 or later, but "
					+ "this application runs Spring Boot " + SpringBootVersion.getVersion()
					+ ": on it the request filter would not back off and tasks would not be cleared. "
					+ "See the README's Requirements.");
		}
		return new ThreadLocalVarScopeConfigurer();
	}

	@Bean
	@ConditionalOnBooleanProperty("thread-local.register-as-thread-scope")
	static ThreadScopeAliasConfigurer threadScopeAliasConfigurer() {
		return new ThreadScopeAliasConfigurer();
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadLocalVars threadLocalVars(ThreadLocalVarsProperties properties, ObjectProvider<ThreadStateGuard> guards) {
		ThreadLocalVars threadLocalVars = new ThreadLocalVars();
		threadLocalVars.setLeakDetection(properties.getLeakDetection());
		threadLocalVars.setStrict(properties.isStrict());
		if (properties.getHygiene().isEnabled()) {
			threadLocalVars.setGuards(guards.orderedStream().toList());
		}
		return threadLocalVars;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "thread-local.task.enabled", matchIfMissing = true)
	static class TaskConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ThreadLocalVarsTaskDecorator threadLocalVarsTaskDecorator(ThreadLocalVars threadLocalVars) {
			return new ThreadLocalVarsTaskDecorator(threadLocalVars);
		}

		@Bean
		ThreadLocalVarsSchedulingConfigurer threadLocalVarsSchedulingConfigurer(
				ThreadLocalVarsTaskDecorator threadLocalVarsTaskDecorator) {
			return new ThreadLocalVarsSchedulingConfigurer(threadLocalVarsTaskDecorator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(OncePerRequestFilter.class)
	@ConditionalOnBooleanProperty(name = "thread-local.filter.enabled", matchIfMissing = true)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(ThreadLocalVarsFilter.class)
		FilterRegistrationBean<ThreadLocalVarsFilter> threadLocalVarsFilter(ThreadLocalVars threadLocalVars,
				ThreadLocalVarsProperties properties) {
			FilterRegistrationBean<ThreadLocalVarsFilter> registration = new FilterRegistrationBean<>(
					new ThreadLocalVarsFilter(threadLocalVars));
			// Every dispatcher type, as Spring Boot maps a OncePerRequestFilter by default: a
			// forward or include that an outer filter (the ErrorPageFilter of a WAR) starts
			// after this filter returned is a new unit of work; a nested one is skipped.
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setOrder(properties.getFilter().getOrder());
			return registration;
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(WebMvcConfigurer.class)
		static class WebMvcAsyncConfiguration {

			@Bean
			ThreadLocalVarsWebMvcConfigurer threadLocalVarsWebMvcConfigurer(ThreadLocalVars threadLocalVars) {
				return new ThreadLocalVarsWebMvcConfigurer(threadLocalVars);
			}

		}

	}

	/**
	 * Registers the interceptor that clears the executor thread after a controller's
	 * {@code Callable}.
	 */
	static final class ThreadLocalVarsWebMvcConfigurer implements WebMvcConfigurer {

		private final ThreadLocalVars threadLocalVars;

		ThreadLocalVarsWebMvcConfigurer(ThreadLocalVars threadLocalVars) {
			this.threadLocalVars = threadLocalVars;
		}

		@Override
		public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
			configurer.registerCallableInterceptors(new ThreadLocalVarsCallableProcessingInterceptor(this.threadLocalVars));
		}

	}

}
