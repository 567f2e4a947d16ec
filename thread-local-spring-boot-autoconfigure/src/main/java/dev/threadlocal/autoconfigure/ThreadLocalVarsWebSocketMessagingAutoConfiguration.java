package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.messaging.ThreadLocalVarsChannelInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that runs every message of a STOMP
 * client inbound channel ({@code @EnableWebSocketMessageBroker}) inside a listener
 * boundary, whichever executor the channel has: by default Spring's own
 * {@code clientInboundChannelExecutor}, which Spring Boot's task decorator never sees.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLocalVarsAutoConfiguration.class)
@ConditionalOnClass({ WebSocketMessageBrokerConfigurer.class, ExecutorChannelInterceptor.class })
@ConditionalOnSingleCandidate(ThreadLocalVars.class)
@ConditionalOnBooleanProperty(prefix = "thread-local", name = { "enabled", "listener.stomp.enabled" },
		matchIfMissing = true)
public final class ThreadLocalVarsWebSocketMessagingAutoConfiguration {

	@Bean
	ThreadLocalVarsWebSocketMessageBrokerConfigurer threadLocalVarsWebSocketMessageBrokerConfigurer(
			ThreadLocalVars threadLocalVars) {
		return new ThreadLocalVarsWebSocketMessageBrokerConfigurer(threadLocalVars);
	}

	/**
	 * Adds the interceptor to the client inbound channel; Spring applies every
	 * {@link WebSocketMessageBrokerConfigurer}, so it composes with the application's.
	 */
	static final class ThreadLocalVarsWebSocketMessageBrokerConfigurer implements WebSocketMessageBrokerConfigurer {

		private final ThreadLocalVarsChannelInterceptor interceptor;

		ThreadLocalVarsWebSocketMessageBrokerConfigurer(ThreadLocalVars threadLocalVars) {
			this.interceptor = new ThreadLocalVarsChannelInterceptor(threadLocalVars);
		}

		@Override
		public void configureClientInboundChannel(ChannelRegistration registration) {
			registration.interceptors(this.interceptor);
		}

	}

}
