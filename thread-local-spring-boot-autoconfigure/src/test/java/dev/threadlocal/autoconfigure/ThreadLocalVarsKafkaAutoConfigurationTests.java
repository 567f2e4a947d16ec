package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.kafka.ThreadLocalVarsBatchInterceptor;
import dev.threadlocal.kafka.ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor;
import dev.threadlocal.kafka.ThreadLocalVarsRecordInterceptor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsKafkaAutoConfiguration}.
 */
class ThreadLocalVarsKafkaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class,
				ThreadLocalVarsKafkaAutoConfiguration.class, KafkaAutoConfiguration.class));

	@Test
	void decoratesBootsFactoryAroundTheUsersInterceptorsWithoutRegisteringInterceptorBeans() {
		this.contextRunner.withUserConfiguration(UserInterceptorsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class);
			assertThat(context).getBeans(RecordInterceptor.class).containsOnlyKeys("userRecordInterceptor");
			assertThat(context).getBeans(BatchInterceptor.class).containsOnlyKeys("userBatchInterceptor");
			assertThat(context).doesNotHaveBean(ContainerCustomizer.class);
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("kafkaListenerContainerFactory",
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsRecordInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate())
						.isSameAs(context.getBean("userRecordInterceptor")));
			assertThat(factory.getBatchInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsBatchInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate())
						.isSameAs(context.getBean("userBatchInterceptor")));
		});
	}

	@Test
	void decoratesBootsFactoryWithoutInterceptors() {
		this.contextRunner.run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("kafkaListenerContainerFactory",
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsRecordInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate()).isNull());
			assertThat(factory.getBatchInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsBatchInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate()).isNull());
		});
	}

	@Test
	void decoratesTheApplicationsOwnFactoryOnce() {
		this.contextRunner.withUserConfiguration(UserFactoryConfiguration.class).run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("userFactory",
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsRecordInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate())
						.isInstanceOf(UserRecordInterceptor.class));
			Object decorated = factory.getRecordInterceptor();
			context.getBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class)
				.postProcessAfterInitialization(factory, "userFactory");
			assertThat(factory.getRecordInterceptor()).isSameAs(decorated);
		});
	}

	@Test
	void leavesTheFactoriesAloneWhenKafkaSupportIsDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.kafka.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class);
			assertThat(context.getBean("kafkaListenerContainerFactory", AbstractKafkaListenerContainerFactory.class)
				.getRecordInterceptor()).isNull();
		});
	}

	@Test
	void backsOffWhenThreadLocalVarsAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class);
		});
	}

	@Test
	void backsOffWithoutSpringKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.kafka"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadLocalVars.class)
				.doesNotHaveBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class));
	}

	@Test
	void usesTheApplicationsThreadLocalVars() {
		this.contextRunner.withBean("myThreadLocalVars", ThreadLocalVars.class, ThreadLocalVars::new)
			.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVars.class)
				.hasSingleBean(ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptorsConfiguration {

		@Bean
		RecordInterceptor<Object, Object> userRecordInterceptor() {
			return new UserRecordInterceptor();
		}

		@Bean
		BatchInterceptor<Object, Object> userBatchInterceptor() {
			return new BatchInterceptor<>() {

				@Override
				public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
						Consumer<Object, Object> consumer) {
					return records;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> userFactory() {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory;
			factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setRecordInterceptor(new UserRecordInterceptor());
			return factory;
		}

	}

	static class UserRecordInterceptor implements RecordInterceptor<Object, Object> {

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

	}

}
