package com.example.consumer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Async} tasks on Spring Boot's executor (one thread) are cleared when they end,
 * also when the app has a task decorator of its own, which still runs too.
 */
@SpringBootTest(properties = { "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
class AsyncTaskCleanupTests {

	@Autowired
	private AsyncWork work;

	@Autowired
	private CountingTaskDecorator userDecorator;

	@Test
	void nextTaskOnTheSameThreadFindsNothingLeft() throws Exception {
		String first = this.work.remember("alice").get(10, TimeUnit.SECONDS);
		String second = this.work.peek().get(10, TimeUnit.SECONDS);
		assertThat(first).endsWith("|alice");
		assertThat(second).isEqualTo(first.substring(0, first.indexOf('|')) + "|none");
		assertThat(this.userDecorator.decorated.get()).as("tasks decorated by the app's own decorator")
			.isGreaterThanOrEqualTo(2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncWork asyncWork(ThreadLocalVars threadLocalVars) {
			return new AsyncWork(threadLocalVars);
		}

		@Bean
		CountingTaskDecorator countingTaskDecorator() {
			return new CountingTaskDecorator();
		}

	}

	static class CountingTaskDecorator implements TaskDecorator {

		final AtomicInteger decorated = new AtomicInteger();

		@Override
		public Runnable decorate(Runnable runnable) {
			this.decorated.incrementAndGet();
			return runnable;
		}

	}

	static class AsyncWork {

		private final ThreadLocalVars vars;

		AsyncWork(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@Async
		public CompletableFuture<String> remember(String user) {
			String stored = this.vars.getOrCreate("user", () -> user);
			return CompletableFuture.completedFuture(Thread.currentThread().getName() + "|" + stored);
		}

		@Async
		public CompletableFuture<String> peek() {
			String user;
			try {
				user = this.vars.getRequired("user", String.class);
			}
			catch (MissingThreadLocalVarException ex) {
				user = "none";
			}
			return CompletableFuture.completedFuture(Thread.currentThread().getName() + "|" + user);
		}

	}

}
