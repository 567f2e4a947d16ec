package dev.threadlocal.propagation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code @Async} method on Spring Boot's auto-configured {@code applicationTaskExecutor}
 * (one thread), with a {@link ContextPropagatingTaskDecorator} bean (Spring Boot 4.0 has
 * no property that adds one) composed with the starter's task decorator: listed variables
 * follow the task, others do not, and the worker is clean afterwards. The context is
 * closed after the class so that its accessors leave the global registry.
 */
@SpringBootTest(classes = AsyncPropagationIntegrationTests.PropagationApplication.class,
		webEnvironment = WebEnvironment.NONE,
		properties = { "thread-local.propagation.names=tenant", "thread-local.leak-detection=fail",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
@DirtiesContext
class AsyncPropagationIntegrationTests {

	@Autowired
	private ThreadLocalVars vars;

	@Autowired
	private AsyncWork asyncWork;

	@Test
	void listedVariableFollowsAnAsyncTaskAndTheWorkerIsCleanAfterwards() throws Exception {
		this.vars.set("tenant", "acme");
		this.vars.set("password", "secret");
		TaskReport first = this.asyncWork.report().get(10, TimeUnit.SECONDS);
		assertThat(first.thread()).isNotEqualTo(Thread.currentThread().getName());
		assertThat(first.inBoundary()).isTrue();
		assertThat(first.tenant()).isEqualTo("acme");
		assertThat(first.password()).isNull();
		assertThat(this.vars.<String>getRequired("tenant")).isEqualTo("acme");
		this.vars.delete("tenant");
		this.vars.delete("password");
		TaskReport second = this.asyncWork.report().get(10, TimeUnit.SECONDS);
		assertThat(second.thread()).isEqualTo(first.thread());
		assertThat(second.tenant()).isNull();
		assertThat(second.leftOverFromEarlierTask()).isNull();
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	record TaskReport(String thread, boolean inBoundary, @Nullable Object tenant, @Nullable Object password,
			@Nullable Object leftOverFromEarlierTask) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@Import(AsyncWork.class)
	static class PropagationApplication {

		@Bean
		ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
			return new ContextPropagatingTaskDecorator();
		}

	}

	@Component
	static class AsyncWork {

		private final ThreadLocalVars vars;

		AsyncWork(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@Async
		CompletableFuture<TaskReport> report() {
			TaskReport report = new TaskReport(Thread.currentThread().getName(), this.vars.isInBoundary(),
					valueOrNull("tenant"), valueOrNull("password"), valueOrNull("written-by-task"));
			this.vars.set("written-by-task", "left for the next task?");
			return CompletableFuture.completedFuture(report);
		}

		private @Nullable Object valueOrNull(String name) {
			try {
				return this.vars.getRequired(name);
			}
			catch (MissingThreadLocalVarException ex) {
				return null;
			}
		}

	}

}
