package dev.threadlocal.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ThreadLocalVarsEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLocalVarsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "thread-local.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadLocalVarsProperties.class)
public final class ThreadLocalVarsEndpointAutoConfiguration {

	/**
	 * Only reached with the actuator on the classpath: without it, the class of the
	 * endpoint condition is missing.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(ThreadLocalVarsEndpoint.class)
	@ConditionalOnSingleCandidate(ThreadLocalVars.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ThreadLocalVarsEndpoint threadLocalVarsEndpoint(ThreadLocalVars threadLocalVars,
				ConfigurableListableBeanFactory beanFactory, ThreadLocalVarsProperties properties) {
			return new ThreadLocalVarsEndpoint(threadLocalVars, beanFactory, settings(properties));
		}

		private static Map<String, Object> settings(ThreadLocalVarsProperties properties) {
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("thread-local.filter.enabled", properties.getFilter().isEnabled());
			settings.put("thread-local.filter.order", properties.getFilter().getOrder());
			settings.put("thread-local.task.enabled", properties.getTask().isEnabled());
			settings.put("thread-local.metrics.enabled", properties.getMetrics().isEnabled());
			settings.put("thread-local.metrics.variable-name-tag", properties.getMetrics().isVariableNameTag());
			settings.put("thread-local.hygiene.enabled", properties.getHygiene().isEnabled());
			settings.put("thread-local.register-as-thread-scope", properties.isRegisterAsThreadScope());
			return settings;
		}

	}

}
