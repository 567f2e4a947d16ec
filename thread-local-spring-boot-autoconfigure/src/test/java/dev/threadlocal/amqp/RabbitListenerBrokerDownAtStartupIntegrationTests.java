package dev.threadlocal.amqp;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.amqp.RabbitListenerApplication.Observation;
import dev.threadlocal.amqp.RabbitListenerApplication.Observations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A listener container whose broker is down when the application starts: the context
 * starts, and once a broker runs on the port every message sent to the queue is received,
 * each inside its own listener boundary.
 */
@ExtendWith(RabbitBroker.Installed.class)
@SpringBootTest(
		classes = { RabbitListenerApplication.class, RabbitListenerBrokerDownAtStartupIntegrationTests.QuickRecovery.class },
		properties = { "test.rabbit.queue=thread-local-late", "spring.rabbitmq.host=127.0.0.1" })
@DirtiesContext
class RabbitListenerBrokerDownAtStartupIntegrationTests {

	private static final String QUEUE = "thread-local-late";

	private static final int PORT = RabbitBroker.freePort();

	@DynamicPropertySource
	static void rabbit(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.port", () -> PORT);
	}

	@Autowired
	private RabbitTemplate template;

	@Autowired
	private AmqpAdmin admin;

	@Autowired
	private Queue queue;

	@Autowired
	private RabbitListenerEndpointRegistry registry;

	@Autowired
	private Observations observations;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void theContainerStartsWithoutABrokerAndReceivesEveryMessageInsideItsBoundaryOnceOneRuns() throws Exception {
		assertThat(this.registry.getListenerContainer(QUEUE + "-listener").isRunning()).isTrue();
		assertThatExceptionOfType(AmqpConnectException.class)
			.isThrownBy(() -> this.template.convertAndSend("", QUEUE, "no broker yet"));
		List<String> values = RabbitListenerApplication.messages()
			.stream()
			.filter((value) -> !value.startsWith("fail-"))
			.toList();
		try (AutoCloseable broker = RabbitBroker.startOwn("late", PORT)) {
			this.admin.declareQueue(this.queue);
			RabbitListenerApplication.send(this.template, QUEUE, values);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.observations.done).containsExactlyInAnyOrderElementsOf(values));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.observations.destroyed).hasValue(values.size()));
		}
		List<Observation> observed = List.copyOf(this.observations.deliveries);
		assertThat(observed).hasSize(values.size()).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(this.observations.created).hasValue(values.size());
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	/**
	 * Retries connecting every 500 ms instead of the container's default 5 s, to keep the
	 * test short.
	 */
	@Configuration(proxyBeanMethods = false)
	static class QuickRecovery {

		@Bean
		ContainerCustomizer<SimpleMessageListenerContainer> quickRecovery() {
			return (container) -> container.setRecoveryInterval(500);
		}

	}

}
