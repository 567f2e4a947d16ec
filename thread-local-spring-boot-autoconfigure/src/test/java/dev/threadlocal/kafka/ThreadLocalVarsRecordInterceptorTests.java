package dev.threadlocal.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalVars;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ThreadLocalVarsRecordInterceptor}, called in the order the container
 * calls it.
 */
class ThreadLocalVarsRecordInterceptorTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final Consumer<String, String> consumer = new MockConsumer<>("earliest");

	private final ConsumerRecord<String, String> record = new ConsumerRecord<>("topic", 0, 0, "key", "value");

	private final List<String> calls = new ArrayList<>();

	@AfterEach
	void nothingLeftOnTheThread() {
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void surroundsTheRecordAndTheDecoratedInterceptor() {
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, new Recording());
		assertThat(interceptor.intercept(this.record, this.consumer)).isSameAs(this.record);
		this.vars.set("record", "state");
		interceptor.failure(this.record, new IllegalStateException("listener failed"), this.consumer);
		assertThat(this.vars.<Object>find("record")).isEqualTo("state");
		interceptor.afterRecord(this.record, this.consumer);
		assertThat(this.calls).containsExactly("intercept:true", "failure:true", "afterRecord:true");
	}

	@Test
	void clearThreadStateEndsTheBoundaryWhenAfterRecordIsSkipped() {
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, new Recording());
		interceptor.setupThreadState(this.consumer);
		interceptor.intercept(this.record, this.consumer);
		this.vars.set("record", "state");
		interceptor.clearThreadState(this.consumer);
		assertThat(this.calls).containsExactly("setupThreadState:false", "intercept:true", "clearThreadState:true");
	}

	@Test
	void theNextRecordEndsTheBoundaryOfARecordWhoseAfterRecordWasSkipped() {
		List<Object> found = new ArrayList<>();
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, null);
		interceptor.intercept(this.record, this.consumer);
		this.vars.set("record", "first");
		this.vars.registerDestructionCallback("record", () -> found.add("destroyed"));
		interceptor.intercept(this.record, this.consumer);
		found.add(this.vars.find("record"));
		interceptor.afterRecord(this.record, this.consumer);
		assertThat(found).containsExactly("destroyed", null);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void aThrowingDestructionCallbackDoesNotThrowIntoTheContainer() {
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, null);
		interceptor.intercept(this.record, this.consumer);
		this.vars.set("record", "state");
		this.vars.registerDestructionCallback("record", () -> {
			throw new IllegalStateException("destruction callback failed");
		});
		assertThatNoException().isThrownBy(() -> interceptor.afterRecord(this.record, this.consumer));
		assertThatNoException().isThrownBy(() -> interceptor.clearThreadState(this.consumer));
	}

	@Test
	void endsTheBoundaryWhenTheDecoratedAfterRecordThrows() {
		RecordInterceptor<String, String> failing = new Recording() {

			@Override
			public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
				throw new IllegalStateException("afterRecord failed");
			}

		};
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, failing);
		interceptor.intercept(this.record, this.consumer);
		this.vars.set("record", "state");
		assertThatIllegalStateException().isThrownBy(() -> interceptor.afterRecord(this.record, this.consumer))
			.withMessage("afterRecord failed");
	}

	@Test
	void joinsAnEnclosingBoundaryWithoutClearingIt() {
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, null);
		this.vars.runScoped(() -> {
			this.vars.set("outer", "kept");
			interceptor.intercept(this.record, this.consumer);
			interceptor.afterRecord(this.record, this.consumer);
			assertThat(this.vars.<Object>find("outer")).isEqualTo("kept");
			assertThat(this.vars.isInBoundary()).isTrue();
		});
	}

	@Test
	void refusesTheRecordOnALeakInFailMode() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		ThreadLocalVarsRecordInterceptor<String, String> interceptor = new ThreadLocalVarsRecordInterceptor<>(
				this.vars, new Recording());
		this.vars.set("leaked", "outside any boundary");
		assertThatIllegalStateException().isThrownBy(() -> interceptor.intercept(this.record, this.consumer))
			.withMessageContaining("leak detection mode FAIL");
		interceptor.failure(this.record, new IllegalStateException("refused"), this.consumer);
		interceptor.afterRecord(this.record, this.consumer);
		assertThat(this.calls).containsExactly("failure:false", "afterRecord:false");
	}

	class Recording implements RecordInterceptor<String, String> {

		@Override
		public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
				Consumer<String, String> consumer) {
			ThreadLocalVarsRecordInterceptorTests.this.calls.add("intercept:" + vars().isInBoundary());
			return record;
		}

		@Override
		public void failure(ConsumerRecord<String, String> record, Exception exception,
				Consumer<String, String> consumer) {
			ThreadLocalVarsRecordInterceptorTests.this.calls.add("failure:" + vars().isInBoundary());
		}

		@Override
		public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
			ThreadLocalVarsRecordInterceptorTests.this.calls.add("afterRecord:" + vars().isInBoundary());
		}

		@Override
		public void setupThreadState(Consumer<?, ?> consumer) {
			ThreadLocalVarsRecordInterceptorTests.this.calls.add("setupThreadState:" + vars().isInBoundary());
		}

		@Override
		public void clearThreadState(Consumer<?, ?> consumer) {
			ThreadLocalVarsRecordInterceptorTests.this.calls.add("clearThreadState:" + vars().isInBoundary());
		}

		private ThreadLocalVars vars() {
			return ThreadLocalVarsRecordInterceptorTests.this.vars;
		}

	}

}
