package dev.threadlocal.amqp;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.amqp.RabbitListenerApplication.Observation;
import dev.threadlocal.amqp.RabbitListenerApplication.Observations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control of {@link RabbitListenerIntegrationTests}: with
 * {@code thread-local.listener.rabbit.enabled=false} the one consumer thread is reused and
 * every delivery after the first finds the previous delivery's variable and bean, and no
 * bean is destroyed.
 */
@ExtendWith(RabbitBroker.Installed.class)
@SpringBootTest(classes = RabbitListenerApplication.class,
		properties = { "thread-local.listener.rabbit.enabled=false", "test.rabbit.queue=thread-local-off",
				"spring.rabbitmq.host=127.0.0.1" })
class RabbitListenerDisabledIntegrationTests {

	@DynamicPropertySource
	static void rabbit(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.port", RabbitBroker::port);
	}

	@Autowired
	private RabbitTemplate template;

	@Autowired
	private Observations observations;

	@Test
	void everyDeliveryAfterTheFirstSeesThePreviousDeliverysState() {
		List<String> values = RabbitListenerApplication.messages().stream()
			.filter((value) -> !value.startsWith("fail-"))
			.toList();
		RabbitListenerApplication.send(this.template, "thread-local-off", values);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.observations.done).containsExactlyInAnyOrderElementsOf(values));
		List<Observation> observed = List.copyOf(this.observations.deliveries);
		assertThat(observed).hasSize(values.size());
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(observed.get(0).leftOverVariable()).isNull();
		for (int i = 1; i < observed.size(); i++) {
			assertThat(observed.get(i).inBoundary()).isFalse();
			assertThat(observed.get(i).leftOverVariable()).isEqualTo(values.get(i - 1));
			assertThat(observed.get(i).leftOverBean()).isEqualTo(values.get(i - 1));
		}
		assertThat(this.observations.destroyed).hasValue(0);
	}

	@Test
	void leavesTheAdviceChainAlone(@Autowired SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory) {
		assertThat(rabbitListenerContainerFactory.getAdviceChain()).isNull();
	}

}
