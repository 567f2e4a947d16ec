package dev.threadlocal.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A Kafka application with a record listener and a batch listener, each on one consumer
 * thread, that report what every unit of work finds on the thread and leave state behind:
 * a variable and a thread-scoped bean with {@code @PreDestroy}.
 * <p>
 * The record listener fails twice on records named {@code fail-*} (the
 * {@code DefaultErrorHandler} delivers them again, three attempts in all), and registers a
 * destruction callback that throws on the record {@value #CALLBACK_FAILS}. The batch
 * listener fails on its first batch (retried by the error handler). A user's own
 * {@link RecordInterceptor} bean is on Boot's factory.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ KafkaListenerApplication.Listeners.class, KafkaListenerApplication.ListenerState.class,
		KafkaListenerApplication.Observations.class })
class KafkaListenerApplication {

	static final String CALLBACK_FAILS = "callback-fails";

	@Bean
	DefaultErrorHandler kafkaErrorHandler() {
		return new DefaultErrorHandler(new FixedBackOff(10L, 2L));
	}

	@Bean
	RecordInterceptor<Object, Object> userRecordInterceptor(ThreadLocalVars vars, Observations observations) {
		return new RecordInterceptor<>() {

			@Override
			public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
					Consumer<Object, Object> consumer) {
				observations.userInterceptor.add("intercept:" + vars.isInBoundary());
				return record;
			}

			@Override
			public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
				observations.userInterceptor.add("afterRecord:" + vars.isInBoundary());
			}

		};
	}

	@Bean
	@SuppressWarnings("unchecked")
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory;
		factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, (ConsumerFactory<Object, Object>) consumerFactory);
		factory.setBatchListener(true);
		return factory;
	}

	/**
	 * What one unit of work found when it began.
	 * @param thread the consumer thread's name
	 * @param leftOverVariable the variable a unit of work sets, if still there
	 * @param leftOverBean the value of the thread-scoped bean, if still there
	 * @param inBoundary whether the unit of work ran inside a boundary
	 */
	record Observation(String thread, Object leftOverVariable, String leftOverBean, boolean inBoundary) {
	}

	/**
	 * Everything the listeners and the user's interceptor saw.
	 */
	@Component
	static class Observations {

		final List<Observation> records = new CopyOnWriteArrayList<>();

		final List<Observation> batches = new CopyOnWriteArrayList<>();

		final Set<String> recordsDone = ConcurrentHashMap.newKeySet();

		final Set<String> batchRecordsDone = ConcurrentHashMap.newKeySet();

		final List<String> userInterceptor = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> destroyed = new ConcurrentHashMap<>();

		int created(String kind) {
			return this.created.computeIfAbsent(kind, (key) -> new AtomicInteger()).get();
		}

		int destroyed(String kind) {
			return this.destroyed.computeIfAbsent(kind, (key) -> new AtomicInteger()).get();
		}

	}

	/**
	 * A thread-scoped bean that counts its destruction by the kind of listener that used
	 * it.
	 */
	@Component
	@ThreadLocalScope
	static class ListenerState {

		private final Observations observations;

		private String kind;

		private String value;

		ListenerState(Observations observations) {
			this.observations = observations;
		}

		String getValue() {
			return this.value;
		}

		void use(String kind, String value) {
			this.kind = kind;
			this.value = value;
			this.observations.created.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@PreDestroy
		void destroyed() {
			this.observations.destroyed.computeIfAbsent(this.kind, (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	/**
	 * The listeners, one consumer thread each.
	 */
	@Component
	static class Listeners {

		private final ThreadLocalVars vars;

		private final ListenerState state;

		private final Observations observations;

		private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final AtomicInteger batchAttempts = new AtomicInteger();

		Listeners(ThreadLocalVars vars, ListenerState state, Observations observations) {
			this.vars = vars;
			this.state = state;
			this.observations = observations;
		}

		@KafkaListener(id = "${test.kafka.id}-records", topics = "${test.kafka.records}", concurrency = "1")
		void onRecord(String value) {
			this.observations.records.add(observe());
			this.state.use("record", value);
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
			this.observations.recordsDone.add(value);
		}

		@KafkaListener(id = "${test.kafka.id}-batches", topics = "${test.kafka.batches}", concurrency = "1",
				containerFactory = "batchFactory")
		void onBatch(List<String> values) {
			this.observations.batches.add(observe());
			this.state.use("batch", String.join(",", values));
			this.vars.set("last", values);
			if (this.batchAttempts.incrementAndGet() == 1) {
				throw new IllegalStateException("batch listener fails on purpose");
			}
			this.observations.batchRecordsDone.addAll(values);
		}

		private Observation observe() {
			return new Observation(Thread.currentThread().getName(), this.vars.find("last"), this.state.getValue(),
					this.vars.isInBoundary());
		}

	}

}
