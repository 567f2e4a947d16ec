package dev.threadlocal.autoconfigure;

import java.util.List;

import dev.threadlocal.autoconfigure.ThreadLocalVarsWebSocketMessagingAutoConfiguration.ThreadLocalVarsWebSocketMessageBrokerConfigurer;
import dev.threadlocal.messaging.ThreadLocalVarsChannelInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsWebSocketMessagingAutoConfiguration}.
 */
class ThreadLocalVarsWebSocketMessagingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class,
					ThreadLocalVarsWebSocketMessagingAutoConfiguration.class));

	@Test
	void addsTheInterceptorToTheClientInboundChannel() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarsWebSocketMessageBrokerConfigurer.class);
			ChannelRegistration registration = new ChannelRegistration();
			context.getBean(ThreadLocalVarsWebSocketMessageBrokerConfigurer.class)
				.configureClientInboundChannel(registration);
			assertThat(interceptors(registration)).singleElement()
				.isInstanceOf(ThreadLocalVarsChannelInterceptor.class);
		});
	}

	@Test
	void composesWithTheApplicationsConfigurer() {
		this.contextRunner.withUserConfiguration(UserConfigurer.class)
			.run((context) -> assertThat(context.getBeansOfType(WebSocketMessageBrokerConfigurer.class)).hasSize(2));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.stomp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsWebSocketMessageBrokerConfigurer.class));
	}

	@Test
	void backsOffWithoutSpringWebSocket() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketMessageBrokerConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsWebSocketMessageBrokerConfigurer.class));
	}

	@SuppressWarnings("unchecked")
	private static List<ChannelInterceptor> interceptors(ChannelRegistration registration) {
		return (List<ChannelInterceptor>) ReflectionTestUtils.getField(registration, "interceptors");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfigurer {

		@Bean
		WebSocketMessageBrokerConfigurer userConfigurer() {
			return new WebSocketMessageBrokerConfigurer() {
			};
		}

	}

}
