package dev.threadlocal.kafka;

import java.util.List;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ThreadLocalVarsBatchInterceptor}, called in the order the container
 * calls it.
 */
class ThreadLocalVarsBatchInterceptorTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final Consumer<String, String> consumer = new MockConsumer<>("earliest");

	private final ConsumerRecords<String, String> records = new ConsumerRecords<>(
			Map.of(new TopicPartition("topic", 0), List.of(new ConsumerRecord<>("topic", 0, 0, "key", "value"))),
			Map.of());

	@AfterEach
	void nothingLeftOnTheThread() {
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void surroundsTheBatchUntilSuccessOrFailure() {
		ThreadLocalVarsBatchInterceptor<String, String> interceptor = new ThreadLocalVarsBatchInterceptor<>(this.vars,
				null);
		assertThat(interceptor.intercept(this.records, this.consumer)).isSameAs(this.records);
		assertThat(this.vars.isInBoundary()).isTrue();
		this.vars.set("batch", "first");
		interceptor.failure(this.records, new IllegalStateException("listener failed"), this.consumer);
		assertThat(this.vars.<Object>find("batch")).isNull();
		interceptor.intercept(this.records, this.consumer);
		this.vars.set("batch", "retry");
		interceptor.success(this.records, this.consumer);
	}

	@Test
	void endsTheBoundaryWhenTheDecoratedInterceptorSkipsTheBatch() {
		ThreadLocalVarsBatchInterceptor<String, String> interceptor = new ThreadLocalVarsBatchInterceptor<>(this.vars,
				(records, consumer) -> {
					this.vars.set("batch", "skipped");
					return null;
				});
		assertThat(interceptor.intercept(this.records, this.consumer)).isNull();
	}

	@Test
	void endsTheBoundaryWhenTheDecoratedInterceptorThrows() {
		ThreadLocalVarsBatchInterceptor<String, String> interceptor = new ThreadLocalVarsBatchInterceptor<>(this.vars,
				(records, consumer) -> {
					this.vars.set("batch", "failed");
					throw new IllegalStateException("intercept failed");
				});
		assertThatIllegalStateException().isThrownBy(() -> interceptor.intercept(this.records, this.consumer))
			.withMessage("intercept failed");
	}

	@Test
	void clearThreadStateEndsABoundaryLeftOpen() {
		ThreadLocalVarsBatchInterceptor<String, String> interceptor = new ThreadLocalVarsBatchInterceptor<>(this.vars,
				null);
		interceptor.intercept(this.records, this.consumer);
		this.vars.set("batch", "state");
		this.vars.registerDestructionCallback("batch", () -> {
			throw new IllegalStateException("destruction callback failed");
		});
		assertThatNoException().isThrownBy(() -> interceptor.clearThreadState(this.consumer));
	}

	@Test
	void callsTheDecoratedInterceptorInsideTheBoundary() {
		StringBuilder calls = new StringBuilder();
		BatchInterceptor<String, String> recording = new BatchInterceptor<>() {

			@Override
			public ConsumerRecords<String, String> intercept(ConsumerRecords<String, String> records,
					Consumer<String, String> consumer) {
				calls.append("intercept:").append(ThreadLocalVarsBatchInterceptorTests.this.vars.isInBoundary());
				return records;
			}

			@Override
			public void success(ConsumerRecords<String, String> records, Consumer<String, String> consumer) {
				calls.append(",success:").append(ThreadLocalVarsBatchInterceptorTests.this.vars.isInBoundary());
			}

		};
		ThreadLocalVarsBatchInterceptor<String, String> interceptor = new ThreadLocalVarsBatchInterceptor<>(this.vars,
				recording);
		interceptor.intercept(this.records, this.consumer);
		interceptor.success(this.records, this.consumer);
		assertThat(calls).hasToString("intercept:true,success:true");
		assertThat(interceptor.getDelegate()).isSameAs(recording);
	}

}
