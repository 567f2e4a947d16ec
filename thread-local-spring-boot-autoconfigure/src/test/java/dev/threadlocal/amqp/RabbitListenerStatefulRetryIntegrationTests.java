package dev.threadlocal.amqp;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.amqp.RabbitListenerApplication.Observation;
import dev.threadlocal.amqp.RabbitListenerApplication.Observations;
import org.aopalliance.aop.Advice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.StatefulRetryOperationsInterceptor;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same as {@link RabbitListenerIntegrationTests} with Spring Boot's stateful retry, which
 * rejects a failed message back to the broker: each redelivery is an attempt of its own.
 */
@ExtendWith(RabbitBroker.Installed.class)
@SpringBootTest(classes = RabbitListenerApplication.class,
		properties = { "test.rabbit.queue=thread-local-stateful", "spring.rabbitmq.host=127.0.0.1",
				"spring.rabbitmq.listener.simple.retry.enabled=true",
				"spring.rabbitmq.listener.simple.retry.stateless=false",
				"spring.rabbitmq.listener.simple.retry.max-retries=2",
				"spring.rabbitmq.listener.simple.retry.initial-interval=10ms" })
class RabbitListenerStatefulRetryIntegrationTests {

	@DynamicPropertySource
	static void rabbit(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.port", RabbitBroker::port);
	}

	@Autowired
	private RabbitTemplate template;

	@Autowired
	private Observations observations;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyDeliveryAndEveryRedeliveryStartsCleanAndDestroysItsBean() {
		List<String> values = RabbitListenerApplication.messages();
		RabbitListenerApplication.send(this.template, "thread-local-stateful", values);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.observations.done).containsExactlyInAnyOrderElementsOf(values));
		int attempts = values.size() + 2 * 2;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.destroyed).hasValue(attempts));
		List<Observation> observed = List.copyOf(this.observations.deliveries);
		assertThat(observed).hasSize(attempts).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void appendsTheAdviceInsideBootsRetryInterceptor(
			@Autowired SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory) {
		Advice[] chain = rabbitListenerContainerFactory.getAdviceChain();
		assertThat(chain).hasSize(2);
		assertThat(chain[0]).isInstanceOf(StatefulRetryOperationsInterceptor.class);
		assertThat(chain[1]).isInstanceOf(ThreadLocalVarsListenerAdvice.class);
	}

}
