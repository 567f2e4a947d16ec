package dev.threadlocal.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP over WebSocket application (simple broker, endpoint {@code /ws}) whose
 * {@code @MessageMapping} method reports what every inbound message finds on its thread
 * and leaves state behind: a variable and a thread-scoped bean with {@code @PreDestroy}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocketMessageBroker
@Import({ StompApplication.WorkController.class, StompApplication.MessageState.class,
		StompApplication.Observations.class })
class StompApplication implements WebSocketMessageBrokerConfigurer {

	static final int MESSAGES = 5;

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws");
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic");
		registry.setApplicationDestinationPrefixes("/app");
	}

	/**
	 * Connect a real STOMP client (Tomcat's WebSocket client) to the endpoint.
	 */
	static StompSession connect(int port) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new StringMessageConverter());
		return client.connectAsync("ws://127.0.0.1:" + port + "/ws", new StompSessionHandlerAdapter() {
		}).get(20, TimeUnit.SECONDS);
	}

	/**
	 * Send {@value #MESSAGES} messages, {@code message-0} to {@code message-4}, in order on
	 * one session.
	 */
	static List<String> send(StompSession session) {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			String body = "message-" + i;
			session.send("/app/work", body);
			bodies.add(body);
		}
		return bodies;
	}

	/**
	 * What one inbound message found on its thread before it set anything.
	 * @param body the message's payload
	 * @param thread the thread's name
	 * @param inBoundary whether the message ran inside a boundary
	 * @param leftOverVariable the variable a message sets, if still there
	 * @param leftOverBean the value of the thread-scoped bean, if still there
	 */
	record Observation(String body, String thread, boolean inBoundary, @Nullable Object leftOverVariable,
			@Nullable String leftOverBean) {
	}

	/**
	 * Everything the controller saw, and the kind of every boundary that cleared something.
	 */
	static class Observations {

		final List<Observation> messages = new CopyOnWriteArrayList<>();

		final AtomicInteger destroyed = new AtomicInteger();

		final List<BoundaryKind> boundariesEnded = new CopyOnWriteArrayList<>();

		Observations(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					if (variablesCleared > 0) {
						Observations.this.boundariesEnded.add(kind);
					}
				}

			});
		}

	}

	/**
	 * A thread-scoped bean that counts its destruction.
	 */
	@Component("messageState")
	@ThreadLocalScope
	static class MessageState {

		private final Observations observations;

		private @Nullable String value;

		MessageState(Observations observations) {
			this.observations = observations;
		}

		@Nullable String getValue() {
			return this.value;
		}

		void use(String value) {
			this.value = value;
		}

		@PreDestroy
		void destroyed() {
			this.observations.destroyed.incrementAndGet();
		}

	}

	/**
	 * The {@code @MessageMapping} controller.
	 */
	@Controller
	static class WorkController {

		private final ThreadLocalVars vars;

		private final MessageState state;

		private final Observations observations;

		WorkController(ThreadLocalVars vars, MessageState state, Observations observations) {
			this.vars = vars;
			this.state = state;
			this.observations = observations;
		}

		@MessageMapping("/work")
		void work(String body) {
			Object leftOverBean = this.vars.find("scopedTarget.messageState");
			this.observations.messages.add(new Observation(body, Thread.currentThread().getName(),
					this.vars.isInBoundary(), this.vars.find("last"),
					(leftOverBean != null) ? ((MessageState) leftOverBean).getValue() : null));
			this.vars.set("last", body);
			this.state.use(body);
		}

	}

}
