package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.metrics.ThreadLocalVarsMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Micrometer metrics of
 * {@link ThreadLocalVars}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class,
		ThreadLocalVarsAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(ThreadLocalVars.class)
@ConditionalOnBooleanProperty(prefix = "thread-local", name = { "enabled", "metrics.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(ThreadLocalVarsProperties.class)
public final class ThreadLocalVarsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ThreadLocalVarsMetrics threadLocalVarsMetrics(ThreadLocalVars threadLocalVars,
			ThreadLocalVarsProperties properties) {
		return new ThreadLocalVarsMetrics(threadLocalVars, properties.getMetrics().isVariableNameTag());
	}

}
