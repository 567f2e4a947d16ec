package dev.threadlocal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.SchedulingAwareRunnable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.Assert;

/**
 * {@link SchedulingConfigurer} that makes {@code @Scheduled} fixed-delay tasks run inside
 * a task boundary on every scheduler.
 * <p>
 * {@code SimpleAsyncTaskScheduler} (Spring Boot's scheduler with virtual threads) applies
 * its {@link TaskDecorator} to the tasks it hands to new threads, but runs fixed-delay
 * tasks on its own scheduler thread without it, so a {@link ThreadLocalVarsTaskDecorator}
 * alone would leave state on that thread from one run to the next. Where the scheduler
 * decorates them itself, the extra boundary is nested and does nothing.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsSchedulingConfigurer implements SchedulingConfigurer, Ordered {

	private final TaskDecorator taskDecorator;

	/**
	 * Create a configurer that runs fixed-delay tasks inside the given decorator.
	 * @param taskDecorator the decorator that opens a boundary around each run
	 */
	public ThreadLocalVarsSchedulingConfigurer(ThreadLocalVarsTaskDecorator taskDecorator) {
		Assert.notNull(taskDecorator, "'taskDecorator' must not be null");
		this.taskDecorator = taskDecorator;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		TaskScheduler scheduler = registrar.getScheduler();
		if (scheduler != null && !(scheduler instanceof FixedDelayDecoratingTaskScheduler)) {
			registrar.setTaskScheduler(new FixedDelayDecoratingTaskScheduler(scheduler, this.taskDecorator));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Decorates the fixed-delay tasks that the scheduler would run undecorated.
	 */
	private static final class FixedDelayDecoratingTaskScheduler implements TaskScheduler {

		private final TaskScheduler delegate;

		private final TaskDecorator decorator;

		FixedDelayDecoratingTaskScheduler(TaskScheduler delegate, TaskDecorator decorator) {
			this.delegate = delegate;
			this.decorator = decorator;
		}

		@Override
		public Clock getClock() {
			return this.delegate.getClock();
		}

		@Override
		public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			return this.delegate.schedule(task, trigger);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			return this.delegate.schedule(task, startTime);
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
			return this.delegate.scheduleAtFixedRate(task, startTime, period);
		}

		@Override
		public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
			return this.delegate.scheduleAtFixedRate(task, period);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
			return this.delegate.scheduleWithFixedDelay(decorate(task), startTime, delay);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
			return this.delegate.scheduleWithFixedDelay(decorate(task), delay);
		}

		/**
		 * Decorate the task, keeping what Spring's scheduler router reads from it (the
		 * {@code @Scheduled(scheduler = ...)} qualifier).
		 */
		private Runnable decorate(Runnable task) {
			Runnable decorated = this.decorator.decorate(task);
			return (task instanceof SchedulingAwareRunnable aware) ? new SchedulingAwareDecorated(decorated, aware)
					: decorated;
		}

	}

	/**
	 * A decorated task that still says what its original says about itself.
	 */
	private record SchedulingAwareDecorated(Runnable decorated,
			SchedulingAwareRunnable original) implements SchedulingAwareRunnable {

		@Override
		public void run() {
			this.decorated.run();
		}

		@Override
		public boolean isLongLived() {
			return this.original.isLongLived();
		}

		@Override
		public @Nullable String getQualifier() {
			return this.original.getQualifier();
		}

	}

}
