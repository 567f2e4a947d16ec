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
import org.springframework.amqp.rabbit.config.StatelessRetryOperationsInterceptor;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries on a real RabbitMQ broker to a listener with one consumer thread, with Spring
 * Boot's (stateless) retry enabled: every delivery and every retry attempt starts with
 * nothing on the thread and destroys its thread-scoped bean when it ends, also when the
 * listener or a destruction callback throws.
 */
@ExtendWith(RabbitBroker.Installed.class)
@SpringBootTest(classes = RabbitListenerApplication.class,
		properties = { "test.rabbit.queue=thread-local-stateless", "spring.rabbitmq.host=127.0.0.1",
				"spring.rabbitmq.listener.simple.retry.enabled=true",
				"spring.rabbitmq.listener.simple.retry.max-retries=2",
				"spring.rabbitmq.listener.simple.retry.initial-interval=10ms" })
class RabbitListenerIntegrationTests {

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
	void everyDeliveryAndEveryRetryAttemptStartsCleanAndDestroysItsBean() {
		List<String> values = RabbitListenerApplication.messages();
		RabbitListenerApplication.send(this.template, "thread-local-stateless", values);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.observations.done).containsExactlyInAnyOrderElementsOf(values));
		int attempts = values.size() + 2 * 2; // the two failing messages are attempted three times each
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.destroyed).hasValue(attempts));
		List<Observation> observed = List.copyOf(this.observations.deliveries);
		assertThat(observed).hasSize(attempts).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(this.observations.created).hasValue(attempts);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void appendsTheAdviceInsideBootsRetryInterceptor(
			@Autowired SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory) {
		Advice[] chain = rabbitListenerContainerFactory.getAdviceChain();
		assertThat(chain).hasSize(2);
		assertThat(chain[0]).isInstanceOfSatisfying(RepeatableProceedInterceptor.class,
				(retry) -> assertThat(retry.getDelegate()).isInstanceOf(StatelessRetryOperationsInterceptor.class));
		assertThat(chain[1]).isInstanceOf(ThreadLocalVarsListenerAdvice.class);
	}

}
