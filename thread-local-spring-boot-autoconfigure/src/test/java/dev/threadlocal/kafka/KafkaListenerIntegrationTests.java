package dev.threadlocal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.kafka.KafkaListenerApplication.Observation;
import dev.threadlocal.kafka.KafkaListenerApplication.Observations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records and batches on a real (embedded KRaft) Kafka broker, each listener on one
 * consumer thread that is reused: every unit of work, retries included, starts with
 * nothing on the thread and its thread-scoped bean is destroyed when it ends, also when the
 * listener or a destruction callback throws. The user's own {@code RecordInterceptor}
 * still runs, inside the boundary.
 */
@SpringBootTest(classes = KafkaListenerApplication.class,
		properties = { "test.kafka.id=on", "test.kafka.records=on-records", "test.kafka.batches=on-batches",
				"spring.kafka.consumer.group-id=thread-local-on", "spring.kafka.consumer.auto-offset-reset=earliest" })
class KafkaListenerIntegrationTests {

	private static final int RECORDS = 20;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.start("on-records", "on-batches"));
	}

	@Autowired
	private KafkaTemplate<String, String> template;

	@Autowired
	private Observations observations;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyRecordAndEveryRetryStartsCleanAndDestroysItsBean() throws Exception {
		List<String> values = records("fail-5", "fail-12");
		values.set(8, KafkaListenerApplication.CALLBACK_FAILS);
		send("on-records", values);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.observations.recordsDone).containsExactlyInAnyOrderElementsOf(values));
		int attempts = RECORDS + 2 * 2; // the two failing records are delivered three times each
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.destroyed("record")).isEqualTo(attempts));
		List<Observation> observed = List.copyOf(this.observations.records);
		assertThat(observed).hasSize(attempts).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(this.observations.created("record")).isEqualTo(attempts);
		assertThat(this.observations.userInterceptor).hasSize(2 * attempts)
			.containsOnly("intercept:true", "afterRecord:true");
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void everyBatchAndItsRetryStartsCleanAndDestroysItsBean() throws Exception {
		List<String> values = records();
		send("on-batches", values);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.observations.batchRecordsDone).containsExactlyInAnyOrderElementsOf(values));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.destroyed("batch"))
				.isEqualTo(this.observations.batches.size()));
		List<Observation> observed = List.copyOf(this.observations.batches);
		assertThat(observed).hasSizeGreaterThanOrEqualTo(2).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(this.observations.created("batch")).isEqualTo(observed.size());
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void decoratesBootsFactoryAndTheApplicationsAroundTheUsersInterceptor(
			@Autowired ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory,
			@Autowired ConcurrentKafkaListenerContainerFactory<?, ?> batchFactory) {
		for (ConcurrentKafkaListenerContainerFactory<?, ?> factory : List.of(kafkaListenerContainerFactory,
				batchFactory)) {
			assertThat(factory.getRecordInterceptor()).isInstanceOfSatisfying(ThreadLocalVarsRecordInterceptor.class,
					(interceptor) -> assertThat(interceptor.getDelegate()).isNotNull());
			assertThat(factory.getBatchInterceptor()).isInstanceOf(ThreadLocalVarsBatchInterceptor.class);
		}
	}

	static List<String> records(String... failing) {
		List<String> values = new ArrayList<>();
		for (int i = 0; i < RECORDS; i++) {
			values.add("record-" + i);
		}
		for (String value : failing) {
			values.set(Integer.parseInt(value.substring(value.indexOf('-') + 1)), value);
		}
		return values;
	}

	private void send(String topic, List<String> values) throws Exception {
		for (String value : values) {
			this.template.send(topic, value).get(10, TimeUnit.SECONDS);
		}
	}

}
