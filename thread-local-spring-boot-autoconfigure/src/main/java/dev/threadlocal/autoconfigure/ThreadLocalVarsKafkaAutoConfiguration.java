package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.kafka.ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that runs every record and batch of
 * Kafka listener containers inside a listener boundary, by decorating the interceptors of
 * every listener container factory.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ThreadLocalVarsAutoConfiguration.class, KafkaAutoConfiguration.class })
@ConditionalOnClass({ AbstractKafkaListenerContainerFactory.class, RecordInterceptor.class })
@ConditionalOnSingleCandidate(ThreadLocalVars.class)
@ConditionalOnBooleanProperty(prefix = "thread-local", name = { "enabled", "listener.kafka.enabled" },
		matchIfMissing = true)
public final class ThreadLocalVarsKafkaAutoConfiguration {

	@Bean
	static ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor threadLocalVarsKafkaFactoryPostProcessor(
			ObjectProvider<ThreadLocalVars> threadLocalVars) {
		return new ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor(threadLocalVars::getObject);
	}

}
