package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.amqp.ThreadLocalVarsListenerAdvice;
import dev.threadlocal.amqp.ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.StatefulRetryOperationsInterceptor;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsRabbitAutoConfiguration}.
 */
class ThreadLocalVarsRabbitAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class,
				ThreadLocalVarsRabbitAutoConfiguration.class, RabbitAutoConfiguration.class));

	@Test
	void appendsTheAdviceToBootsFactoryWithoutRegisteringCustomizerBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor.class);
			assertThat(context).doesNotHaveBean(ContainerCustomizer.class);
			assertThat(context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain()).singleElement()
				.isInstanceOf(ThreadLocalVarsListenerAdvice.class);
		});
	}

	@Test
	void appendsTheAdviceInsideBootsStatefulRetryInterceptor() {
		this.contextRunner
			.withPropertyValues("spring.rabbitmq.listener.simple.retry.enabled=true",
					"spring.rabbitmq.listener.simple.retry.stateless=false")
			.run((context) -> {
				Advice[] chain = context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain();
				assertThat(chain).hasSize(2);
				assertThat(chain[0]).isInstanceOf(StatefulRetryOperationsInterceptor.class);
				assertThat(chain[1]).isInstanceOf(ThreadLocalVarsListenerAdvice.class);
			});
	}

	@Test
	void appendsTheAdviceToBootsDirectFactory() {
		this.contextRunner.withPropertyValues("spring.rabbitmq.listener.type=direct")
			.run((context) -> assertThat(context.getBean(DirectRabbitListenerContainerFactory.class).getAdviceChain())
				.singleElement()
				.isInstanceOf(ThreadLocalVarsListenerAdvice.class));
	}

	@Test
	void keepsTheApplicationsAdviceFirstAndDecoratesItsFactoryOnce() {
		this.contextRunner.withUserConfiguration(UserFactoryConfiguration.class).run((context) -> {
			SimpleRabbitListenerContainerFactory factory = context.getBean("userFactory",
					SimpleRabbitListenerContainerFactory.class);
			Advice[] chain = factory.getAdviceChain();
			assertThat(chain).hasSize(2);
			assertThat(chain[0]).isSameAs(UserFactoryConfiguration.USER_ADVICE);
			assertThat(chain[1]).isInstanceOf(ThreadLocalVarsListenerAdvice.class);
			context.getBean(ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor.class)
				.postProcessAfterInitialization(factory, "userFactory");
			assertThat(factory.getAdviceChain()).containsExactly(chain);
		});
	}

	@Test
	void leavesTheFactoriesAloneWhenRabbitSupportIsDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.rabbit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor.class);
			assertThat(context.getBean(SimpleRabbitListenerContainerFactory.class).getAdviceChain()).isNull();
		});
	}

	@Test
	void backsOffWhenThreadLocalVarsAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor.class);
		});
	}

	@Test
	void backsOffWithoutSpringRabbit() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.amqp.rabbit"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ThreadLocalVars.class)
				.doesNotHaveBean(ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		static final MethodInterceptor USER_ADVICE = (invocation) -> invocation.proceed();

		@Bean
		SimpleRabbitListenerContainerFactory userFactory() {
			SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
			factory.setAdviceChain(USER_ADVICE);
			return factory;
		}

	}

}
