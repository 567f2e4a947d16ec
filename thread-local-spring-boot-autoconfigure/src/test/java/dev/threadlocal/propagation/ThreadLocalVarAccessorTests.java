package dev.threadlocal.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.LeakDetection;
import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsTaskDecorator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ThreadLocalVarAccessor}.
 */
class ThreadLocalVarAccessorTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final ThreadLocalVarAccessor accessor = new ThreadLocalVarAccessor(this.vars, "tenant");

	private final ContextRegistry registry = new ContextRegistry();

	private final List<ThreadPoolTaskExecutor> executors = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.executors.forEach(ThreadPoolTaskExecutor::shutdown);
		this.vars.clear();
	}

	@Test
	void keyIsThePrefixFollowedByTheName() {
		assertThat(this.accessor.key()).isEqualTo("threadlocal.tenant");
		assertThat(this.accessor.getName()).isEqualTo("tenant");
		assertThat(this.accessor.getThreadLocalVars()).isSameAs(this.vars);
	}

	@Test
	void rejectsANullOrBlankName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarAccessor(this.vars, " "))
			.withMessageContaining("'name'");
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarAccessor(this.vars, null))
			.withMessageContaining("'name'");
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarAccessor(null, "tenant"))
			.withMessageContaining("'threadLocalVars'");
	}

	@Test
	void getValueReturnsTheCurrentThreadsValue() {
		this.vars.set("tenant", "acme");
		assertThat(this.accessor.getValue()).isEqualTo("acme");
	}

	@Test
	void getValueReturnsNullWhenAbsentAndCreatesNothing() {
		assertThat(this.accessor.getValue()).isNull();
		assertThat(valueOrNull("tenant")).isNull();
		assertThat(this.vars.getOrCreate("tenant", () -> "created later")).isEqualTo("created later");
	}

	@Test
	void setValueStoresTheValueOnTheCurrentThread() {
		this.accessor.setValue("acme");
		assertThat(this.vars.<String>getRequired("tenant")).isEqualTo("acme");
	}

	@Test
	void setValueWithoutValueDeletesTheVariable() {
		this.vars.set("tenant", "acme");
		this.accessor.setValue();
		assertThat(valueOrNull("tenant")).isNull();
	}

	@Test
	void restorePutsBackThePreviousValue() {
		this.vars.set("tenant", "previous");
		this.accessor.setValue("propagated");
		this.accessor.restore("previous");
		assertThat(this.vars.<String>getRequired("tenant")).isEqualTo("previous");
	}

	@Test
	void restoreWithoutPreviousValueDeletesTheVariable() {
		this.accessor.setValue("propagated");
		this.accessor.restore();
		assertThat(valueOrNull("tenant")).isNull();
	}

	@Test
	void propagatingToTheThreadThatHoldsTheSameInstanceKeepsItAndItsDestructionCallbacks() {
		Object tenant = new Object();
		this.vars.set("tenant", tenant);
		this.vars.registerDestructionCallback("tenant", () -> this.events.add("tenant destroyed"));
		Object previous = this.accessor.getValue();
		this.accessor.setValue(tenant);
		this.accessor.restore(previous);
		assertThat(this.events).isEmpty();
		assertThat(this.vars.<Object>getRequired("tenant")).isSameAs(tenant);
		this.vars.delete("tenant");
		assertThat(this.events).containsExactly("tenant destroyed");
	}

	@Test
	void strictModeOutsideABoundaryReadsAbsentAndSetsNothingWithoutThrowing() {
		this.vars.setStrict(true);
		assertThat(this.accessor.getValue()).isNull();
		this.accessor.setValue("acme");
		this.accessor.setValue();
		this.vars.runScoped(() -> {
			assertThat(valueOrNull("tenant")).isNull();
			this.accessor.setValue("acme");
			assertThat(this.accessor.getValue()).isEqualTo("acme");
		});
	}

	@Test
	void deletingInsideABoundaryThenTheBoundaryClearingLeavesTheThreadClean() {
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary()) {
			this.accessor.setValue("acme");
			this.vars.set("other", "value");
			this.accessor.setValue();
			assertThat(valueOrNull("tenant")).isNull();
			assertThat(this.vars.isInBoundary()).isTrue();
		}
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(valueOrNull("other")).isNull();
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void valueFollowsATaskToAPooledThreadThatIsCleanAfterwardsWhileTheSenderKeepsIt() throws Exception {
		this.registry.registerThreadLocalAccessor(this.accessor);
		this.vars.setLeakDetection(LeakDetection.FAIL);
		AfterTaskProbe probe = new AfterTaskProbe();
		ThreadPoolTaskExecutor executor = executor(contextPropagating(), new ThreadLocalVarsTaskDecorator(this.vars),
				probe);
		this.vars.set("tenant", "acme");
		String sender = Thread.currentThread().getName();
		TaskReport first = executor.submit(this::report).get(10, TimeUnit.SECONDS);
		assertThat(first.thread()).isNotEqualTo(sender);
		assertThat(first.tenant()).isEqualTo("acme");
		assertThat(first.inBoundary()).isTrue();
		assertThat(probe.next()).isEqualTo(new TaskReport(first.thread(), null, false));
		assertThat(this.vars.<String>getRequired("tenant")).isEqualTo("acme");
		this.vars.delete("tenant");
		TaskReport second = executor.submit(this::report).get(10, TimeUnit.SECONDS);
		assertThat(second.thread()).isEqualTo(first.thread());
		assertThat(second.tenant()).isNull();
		assertThat(probe.next()).isEqualTo(new TaskReport(first.thread(), null, false));
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void propagatedCopyIsDeletedAtTheEndOfTheTaskEvenWithoutABoundary() throws Exception {
		this.registry.registerThreadLocalAccessor(this.accessor);
		AfterTaskProbe probe = new AfterTaskProbe();
		ThreadPoolTaskExecutor executor = executor(contextPropagating(), probe);
		this.vars.set("tenant", "acme");
		TaskReport report = executor.submit(this::report).get(10, TimeUnit.SECONDS);
		assertThat(report.tenant()).isEqualTo("acme");
		assertThat(report.inBoundary()).isFalse();
		assertThat(probe.next()).isEqualTo(new TaskReport(report.thread(), null, false));
	}

	@Test
	void variablesWithoutAnAccessorAreNotPropagated() throws Exception {
		new ThreadLocalVarAccessorRegistrar(this.registry, this.vars, List.of("tenant")).afterPropertiesSet();
		ThreadPoolTaskExecutor executor = executor(contextPropagating(), new ThreadLocalVarsTaskDecorator(this.vars));
		this.vars.set("tenant", "acme");
		this.vars.set("password", "secret");
		List<@Nullable Object> seen = executor
			.submit(() -> Arrays.asList(valueOrNull("tenant"), valueOrNull("password")))
			.get(10, TimeUnit.SECONDS);
		assertThat(seen).containsExactly("acme", null);
	}

	@Test
	void nothingIsPropagatedByDefault() throws Exception {
		ThreadPoolTaskExecutor executor = executor(contextPropagating(), new ThreadLocalVarsTaskDecorator(this.vars));
		this.vars.set("tenant", "acme");
		assertThat(executor.submit(this::report).get(10, TimeUnit.SECONDS).tenant()).isNull();
	}

	private TaskReport report() {
		return new TaskReport(Thread.currentThread().getName(), valueOrNull("tenant"), this.vars.isInBoundary());
	}

	private @Nullable Object valueOrNull(String name) {
		try {
			return this.vars.getRequired(name);
		}
		catch (MissingThreadLocalVarException ex) {
			return null;
		}
	}

	private ContextPropagatingTaskDecorator contextPropagating() {
		return new ContextPropagatingTaskDecorator(
				ContextSnapshotFactory.builder().contextRegistry(this.registry).build());
	}

	/**
	 * An executor with one thread and the decorators composed as Spring Boot does: the
	 * last one is the outermost.
	 */
	private ThreadPoolTaskExecutor executor(TaskDecorator... decorators) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setTaskDecorator(new CompositeTaskDecorator(List.of(decorators)));
		executor.initialize();
		this.executors.add(executor);
		return executor;
	}

	record TaskReport(String thread, @Nullable Object tenant, boolean inBoundary) {
	}

	/**
	 * The outermost decorator: reports what is left on the worker thread once every other
	 * decorator has finished.
	 */
	private final class AfterTaskProbe implements TaskDecorator {

		private final BlockingQueue<TaskReport> reports = new LinkedBlockingQueue<>();

		@Override
		public Runnable decorate(Runnable runnable) {
			return () -> {
				try {
					runnable.run();
				}
				finally {
					this.reports.add(report());
				}
			};
		}

		TaskReport next() throws InterruptedException {
			TaskReport report = this.reports.poll(10, TimeUnit.SECONDS);
			assertThat(report).as("report of the worker thread after the task").isNotNull();
			return report;
		}

	}

}
