package dev.threadlocal.kafka;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-process KRaft broker of {@code spring-kafka-test} for every Kafka test class of
 * the test JVM, started on first use and stopped when the JVM exits. Each test class uses
 * its own topics, since the test context cache keeps earlier contexts (and their
 * listeners) running.
 */
final class KafkaBroker {

	private static final Set<String> topics = new HashSet<>();

	private static EmbeddedKafkaKraftBroker broker;

	private KafkaBroker() {
	}

	/**
	 * Start the broker if needed and create the given topics, one partition each, unless
	 * they exist.
	 * @param names the topics to create
	 * @return the bootstrap servers
	 */
	static synchronized String start(String... names) {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-shutdown"));
			broker = started;
		}
		String[] missing = Arrays.stream(names).filter(topics::add).toArray(String[]::new);
		if (missing.length > 0) {
			broker.addTopics(missing);
		}
		return broker.getBrokersAsString();
	}

}
