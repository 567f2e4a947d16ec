package dev.threadlocal.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PreDestroy;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * A RabbitMQ application with one listener on one consumer thread that reports what every
 * delivery finds on the thread and leaves state behind: a variable and a thread-scoped
 * bean with {@code @PreDestroy}. It fails twice on messages named {@code fail-*} (retried by
 * Spring Boot's retry interceptor when the test enables it), and registers a destruction
 * callback that throws on the message {@value #CALLBACK_FAILS}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RabbitListenerApplication.Listener.class, RabbitListenerApplication.ListenerState.class,
		RabbitListenerApplication.Observations.class })
class RabbitListenerApplication {

	static final int MESSAGES = 20;

	static final String CALLBACK_FAILS = "callback-fails";

	@Bean
	Queue queue(@Value("${test.rabbit.queue}") String name) {
		return new Queue(name, false, false, true);
	}

	/**
	 * The messages every test sends: {@value #MESSAGES}, of which two fail twice and one
	 * registers a failing destruction callback.
	 */
	static List<String> messages() {
		List<String> values = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			values.add("delivery-" + i);
		}
		values.set(5, "fail-5");
		values.set(8, CALLBACK_FAILS);
		values.set(12, "fail-12");
		return values;
	}

	/**
	 * Send each message with its value as message id, which stateful retry needs.
	 */
	static void send(RabbitTemplate template, String queue, List<String> values) {
		for (String value : values) {
			template.convertAndSend("", queue, value, (message) -> {
				message.getMessageProperties().setMessageId(value);
				return message;
			});
		}
	}

	/**
	 * What one delivery (or attempt) found when it began.
	 * @param thread the consumer thread's name
	 * @param leftOverVariable the variable a delivery sets, if still there
	 * @param leftOverBean the value of the thread-scoped bean, if still there
	 * @param inBoundary whether the delivery ran inside a boundary
	 */
	record Observation(String thread, Object leftOverVariable, String leftOverBean, boolean inBoundary) {
	}

	/**
	 * Everything the listener saw.
	 */
	@Component
	static class Observations {

		final List<Observation> deliveries = new CopyOnWriteArrayList<>();

		final Set<String> done = ConcurrentHashMap.newKeySet();

		final AtomicInteger created = new AtomicInteger();

		final AtomicInteger destroyed = new AtomicInteger();

	}

	/**
	 * A thread-scoped bean that counts its destruction.
	 */
	@Component
	@ThreadLocalScope
	static class ListenerState {

		private final Observations observations;

		private String value;

		ListenerState(Observations observations) {
			this.observations = observations;
		}

		String getValue() {
			return this.value;
		}

		void use(String value) {
			this.value = value;
			this.observations.created.incrementAndGet();
		}

		@PreDestroy
		void destroyed() {
			this.observations.destroyed.incrementAndGet();
		}

	}

	/**
	 * The listener, with one consumer.
	 */
	@Component
	static class Listener {

		private final ThreadLocalVars vars;

		private final ListenerState state;

		private final Observations observations;

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		Listener(ThreadLocalVars vars, ListenerState state, Observations observations) {
			this.vars = vars;
			this.state = state;
			this.observations = observations;
		}

		@RabbitListener(id = "${test.rabbit.queue}-listener", queues = "${test.rabbit.queue}", concurrency = "1")
		void onMessage(String value) {
			this.observations.deliveries.add(new Observation(Thread.currentThread().getName(), this.vars.find("last"),
					this.state.getValue(), this.vars.isInBoundary()));
			this.state.use(value);
			this.vars.set("last", value);
			if (CALLBACK_FAILS.equals(value)) {
				this.vars.registerDestructionCallback("last", () -> {
					throw new IllegalStateException("destruction callback fails on purpose");
				});
			}
			if (value.startsWith("fail-")
					&& this.attempts.computeIfAbsent(value, (key) -> new AtomicInteger()).incrementAndGet() < 3) {
				throw new IllegalStateException("listener fails on purpose: " + value);
			}
			this.observations.done.add(value);
		}

	}

}
