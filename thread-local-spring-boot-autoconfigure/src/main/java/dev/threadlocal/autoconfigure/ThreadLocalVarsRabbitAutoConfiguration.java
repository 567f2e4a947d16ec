package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.amqp.ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor;

import org.springframework.amqp.rabbit.config.AbstractRabbitListenerContainerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that runs every delivery of RabbitMQ
 * listener containers, and every retry attempt of it, inside a listener boundary, by
 * appending an advice to the advice chain of every listener container factory.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ThreadLocalVarsAutoConfiguration.class, RabbitAutoConfiguration.class })
@ConditionalOnClass(AbstractRabbitListenerContainerFactory.class)
@ConditionalOnSingleCandidate(ThreadLocalVars.class)
@ConditionalOnBooleanProperty(prefix = "thread-local", name = { "enabled", "listener.rabbit.enabled" },
		matchIfMissing = true)
public final class ThreadLocalVarsRabbitAutoConfiguration {

	@Bean
	static ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor threadLocalVarsRabbitFactoryPostProcessor(
			ObjectProvider<ThreadLocalVars> threadLocalVars) {
		return new ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor(threadLocalVars::getObject);
	}

}
