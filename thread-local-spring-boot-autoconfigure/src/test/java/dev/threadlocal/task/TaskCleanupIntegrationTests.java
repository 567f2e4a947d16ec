package dev.threadlocal.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Async} and {@code @Scheduled} work on Spring Boot's auto-configured executor
 * and scheduler, each with one thread so that the thread is reused: every task starts with
 * nothing on the thread and its thread-scoped bean is destroyed when it ends.
 */
@SpringBootTest(classes = TaskCleanupIntegrationTests.TaskApplication.class,
		properties = { "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"spring.task.scheduling.pool.size=1" })
class TaskCleanupIntegrationTests {

	@Autowired
	private AsyncWork asyncWork;

	@Autowired
	private ScheduledWork scheduledWork;

	@Autowired
	private TaskBeanCounts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void asyncTasksStartCleanAndDestroyTheirBeanWhenTheyEnd() throws Exception {
		TaskReport first = this.asyncWork.run("first").get(10, TimeUnit.SECONDS);
		TaskReport second = this.asyncWork.run("second").get(10, TimeUnit.SECONDS);
		assertThat(second.thread()).isEqualTo(first.thread());
		assertThat(first.inBoundary()).isTrue();
		assertThat(second.inBoundary()).isTrue();
		assertThat(second.leftOver()).isNull();
		assertThat(second.readBack()).isEqualTo("second");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.counts.destroyedBy("async")).isEqualTo(2));
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void scheduledRunsStartCleanInsideABoundaryAndDestroyTheirBean() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.scheduledWork.reports.size() >= 3);
		List<TaskReport> reports = List.copyOf(this.scheduledWork.reports);
		assertThat(reports).allSatisfy((report) -> {
			assertThat(report.inBoundary()).isTrue();
			assertThat(report.leftOver()).isNull();
			assertThat(report.earlierBeansAllDestroyed()).isTrue();
		});
		assertThat(reports).extracting(TaskReport::thread).containsOnly(reports.get(0).thread());
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	record TaskReport(String thread, boolean inBoundary, Object leftOver, Object readBack,
			boolean earlierBeansAllDestroyed) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@EnableScheduling
	@Import({ AsyncWork.class, ScheduledWork.class, TaskBean.class, TaskBeanCounts.class })
	static class TaskApplication {

	}

	/**
	 * Counts thread-scoped beans created and destroyed, by the kind of task.
	 */
	@Component
	static class TaskBeanCounts {

		final AtomicInteger asyncCreated = new AtomicInteger();

		final AtomicInteger asyncDestroyed = new AtomicInteger();

		final AtomicInteger scheduledCreated = new AtomicInteger();

		final AtomicInteger scheduledDestroyed = new AtomicInteger();

		int destroyedBy(String kind) {
			return ("async".equals(kind) ? this.asyncDestroyed : this.scheduledDestroyed).get();
		}

	}

	/**
	 * A thread-scoped bean that records which kind of task created it.
	 */
	@Component("taskBean")
	@ThreadLocalScope
	static class TaskBean {

		private final TaskBeanCounts counts;

		private String kind = "unknown";

		TaskBean(TaskBeanCounts counts) {
			this.counts = counts;
		}

		void use(String kind) {
			this.kind = kind;
			("async".equals(kind) ? this.counts.asyncCreated : this.counts.scheduledCreated).incrementAndGet();
		}

		@PreDestroy
		void destroyed() {
			("async".equals(this.kind) ? this.counts.asyncDestroyed : this.counts.scheduledDestroyed).incrementAndGet();
		}

	}

	/**
	 * Reports what a task found on its thread and uses thread-local state.
	 */
	abstract static class Work {

		final ThreadLocalVars vars;

		final TaskBean taskBean;

		final TaskBeanCounts counts;

		Work(ThreadLocalVars vars, TaskBean taskBean, TaskBeanCounts counts) {
			this.vars = vars;
			this.taskBean = taskBean;
			this.counts = counts;
		}

		TaskReport doWork(String kind, String value) {
			boolean earlierDestroyed = this.counts.scheduledCreated.get() == this.counts.scheduledDestroyed.get();
			Object leftOver = valueOrNull("task-value");
			if (leftOver == null) {
				leftOver = valueOrNull("scopedTarget.taskBean");
			}
			this.vars.set("task-value", value);
			this.taskBean.use(kind);
			return new TaskReport(Thread.currentThread().getName(), this.vars.isInBoundary(), leftOver,
					this.vars.getRequired("task-value"), earlierDestroyed);
		}

		private Object valueOrNull(String name) {
			try {
				return this.vars.getRequired(name);
			}
			catch (MissingThreadLocalVarException ex) {
				return null;
			}
		}

	}

	@Component
	static class AsyncWork extends Work {

		AsyncWork(ThreadLocalVars vars, TaskBean taskBean, TaskBeanCounts counts) {
			super(vars, taskBean, counts);
		}

		@Async
		CompletableFuture<TaskReport> run(String value) {
			return CompletableFuture.completedFuture(doWork("async", value));
		}

	}

	@Component
	static class ScheduledWork extends Work {

		final List<TaskReport> reports = new CopyOnWriteArrayList<>();

		ScheduledWork(ThreadLocalVars vars, TaskBean taskBean, TaskBeanCounts counts) {
			super(vars, taskBean, counts);
		}

		@Scheduled(fixedDelay = 50)
		void run() {
			if (this.reports.size() < 5) {
				this.reports.add(doWork("scheduled", "run " + this.reports.size()));
			}
		}

	}

}
