package dev.threadlocal.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import org.aopalliance.aop.Advice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.StatelessRetryOperationsInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ThreadLocalVarsListenerAdvice} and {@link RepeatableProceedInterceptor}
 * in an advice chain built as a listener container builds it (a {@link ProxyFactory} with
 * one advisor per advice, in order).
 */
class ThreadLocalVarsListenerAdviceTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final List<Object> found = new ArrayList<>();

	@AfterEach
	void nothingLeftOnTheThread() {
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void clearsTheThreadWhenTheListenerReturnsOrThrows() {
		Listener listener = listener(new ThreadLocalVarsListenerAdvice(this.vars));
		listener.onMessage("first");
		assertThatIllegalStateException().isThrownBy(() -> listener.onMessage("fail")).withMessage("fail");
		listener.onMessage("second");
		assertThat(this.found).containsExactly(true, null, true, null, true, null);
	}

	@Test
	void aThrowingDestructionCallbackDoesNotThrowIntoTheContainer() {
		Listener listener = listener(new ThreadLocalVarsListenerAdvice(this.vars));
		listener.onMessage("callback-fails");
		listener.onMessage("next");
		assertThat(this.found).containsExactly(true, null, true, null);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void eachAttemptOfAStatelessRetryIsItsOwnBoundary() {
		StatelessRetryOperationsInterceptor retry = RetryInterceptorBuilder.stateless()
			.retryPolicy(RetryPolicy.builder().maxRetries(2).delay(Duration.ZERO).build())
			.build();
		Listener listener = listener(new RepeatableProceedInterceptor(retry),
				new ThreadLocalVarsListenerAdvice(this.vars));
		listener.onMessage("fail-twice");
		assertThat(this.found).containsExactly(true, null, true, null, true, null);
	}

	private Listener listener(Advice... chain) {
		ProxyFactory factory = new ProxyFactory(new RecordingListener());
		factory.addInterface(Listener.class);
		for (Advice advice : chain) {
			factory.addAdvice(advice);
		}
		return (Listener) factory.getProxy();
	}

	interface Listener {

		void onMessage(String value);

	}

	class RecordingListener implements Listener {

		private int failures;

		@Override
		public void onMessage(String value) {
			ThreadLocalVars vars = ThreadLocalVarsListenerAdviceTests.this.vars;
			ThreadLocalVarsListenerAdviceTests.this.found.add(vars.isInBoundary());
			ThreadLocalVarsListenerAdviceTests.this.found.add(vars.find("last"));
			vars.set("last", value);
			if (value.equals("callback-fails")) {
				vars.registerDestructionCallback("last", () -> {
					throw new IllegalStateException("destruction callback failed");
				});
			}
			if (value.equals("fail") || (value.equals("fail-twice") && this.failures++ < 2)) {
				throw new IllegalStateException(value);
			}
		}

	}

}
