package dev.threadlocal.autoconfigure;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalBoundary;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.aop.BoundaryAnnotation;
import dev.threadlocal.aop.ThreadLocalBoundaryPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.event.EventListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.annotation.JmsListeners;
import org.springframework.pulsar.annotation.PulsarListener;
import org.springframework.pulsar.annotation.PulsarListeners;
import org.springframework.pulsar.annotation.PulsarReader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that runs
 * {@link ThreadLocalBoundary @ThreadLocalBoundary} methods, and the listener methods of
 * application events, JMS and Pulsar, inside a boundary.
 * <p>
 * Each listener annotation is a {@link BoundaryAnnotation} bean, present only when the
 * technology is on the classpath and its {@code thread-local.listener.<technology>.enabled}
 * property is not false.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLocalVarsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "thread-local.enabled", matchIfMissing = true)
public final class ThreadLocalBoundaryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ThreadLocalBoundaryPostProcessor threadLocalBoundaryPostProcessor(
			ObjectProvider<ThreadLocalVars> threadLocalVars, ObjectProvider<BoundaryAnnotation> annotations) {
		return new ThreadLocalBoundaryPostProcessor(threadLocalVars::getObject, annotations.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "thread-local.listener.event.enabled", matchIfMissing = true)
	static class EventListenerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalEventListenerBoundary() {
			return new BoundaryAnnotation(EventListener.class, BoundaryKind.EVENT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JmsListener.class)
	@ConditionalOnBooleanProperty(name = "thread-local.listener.jms.enabled", matchIfMissing = true)
	static class JmsListenerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalJmsListenerBoundary() {
			return new BoundaryAnnotation(JmsListener.class, BoundaryKind.LISTENER);
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalJmsListenersBoundary() {
			return new BoundaryAnnotation(JmsListeners.class, BoundaryKind.LISTENER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(PulsarListener.class)
	@ConditionalOnBooleanProperty(name = "thread-local.listener.pulsar.enabled", matchIfMissing = true)
	static class PulsarListenerConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalPulsarListenerBoundary() {
			return new BoundaryAnnotation(PulsarListener.class, BoundaryKind.LISTENER);
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalPulsarListenersBoundary() {
			return new BoundaryAnnotation(PulsarListeners.class, BoundaryKind.LISTENER);
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static BoundaryAnnotation threadLocalPulsarReaderBoundary() {
			return new BoundaryAnnotation(PulsarReader.class, BoundaryKind.LISTENER);
		}

	}

}
