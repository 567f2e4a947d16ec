package dev.threadlocal.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * The control of {@link KafkaListenerIntegrationTests}: with
 * {@code thread-local.listener.kafka.enabled=false} the one consumer thread is reused and
 * every record after the first finds the previous record's variable and bean, and no bean
 * is destroyed.
 */
@SpringBootTest(classes = KafkaListenerApplication.class,
		properties = { "thread-local.listener.kafka.enabled=false", "test.kafka.id=off",
				"test.kafka.records=off-records", "test.kafka.batches=off-batches",
				"spring.kafka.consumer.group-id=thread-local-off", "spring.kafka.consumer.auto-offset-reset=earliest" })
class KafkaListenerDisabledIntegrationTests {

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.start("off-records", "off-batches"));
	}

	@Autowired
	private KafkaTemplate<String, String> template;

	@Autowired
	private Observations observations;

	@Test
	void everyRecordAfterTheFirstSeesThePreviousRecordsState() throws Exception {
		List<String> values = KafkaListenerIntegrationTests.records();
		for (String value : values) {
			this.template.send("off-records", value).get(10, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.observations.recordsDone).containsExactlyInAnyOrderElementsOf(values));
		List<Observation> observed = List.copyOf(this.observations.records);
		assertThat(observed).hasSize(values.size());
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(observed.get(0).leftOverVariable()).isNull();
		for (int i = 1; i < observed.size(); i++) {
			assertThat(observed.get(i).inBoundary()).isFalse();
			assertThat(observed.get(i).leftOverVariable()).isEqualTo(values.get(i - 1));
			assertThat(observed.get(i).leftOverBean()).isEqualTo(values.get(i - 1));
		}
		assertThat(this.observations.destroyed("record")).isZero();
		assertThat(this.observations.created("record")).isEqualTo(values.size());
	}

	@Test
	void leavesTheFactoriesInterceptorsAlone(
			@Autowired ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory) {
		assertThat(kafkaListenerContainerFactory.getRecordInterceptor()).isNotNull()
			.isNotInstanceOf(ThreadLocalVarsRecordInterceptor.class);
		assertThat(kafkaListenerContainerFactory.getBatchInterceptor()).isNull();
	}

}
