package dev.threadlocal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.util.Assert;

/**
 * {@link SchedulingConfigurer} that makes {@code @Scheduled} fixed-delay tasks on a
 * {@link SimpleAsyncTaskScheduler} (Spring Boot's scheduler with virtual threads) run
 * inside a task boundary too.
 * <p>
 * {@code SimpleAsyncTaskScheduler} applies its {@link TaskDecorator} to the tasks it hands
 * to new threads, but runs fixed-delay tasks on its own scheduler thread without it, so a
 * {@link ThreadLocalVarsTaskDecorator} alone would leave state on that thread from one run
 * to the next. Other schedulers are left alone: they decorate every task themselves.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsSchedulingConfigurer implements SchedulingConfigurer, BeanFactoryAware, Ordered {

	private static final String DEFAULT_TASK_SCHEDULER_BEAN_NAME = "taskScheduler";

	private final TaskDecorator taskDecorator;

	private @Nullable ListableBeanFactory beanFactory;

	/**
	 * Create a configurer that runs fixed-delay tasks inside the given decorator.
	 * @param taskDecorator the decorator that opens a boundary around each run
	 */
	public ThreadLocalVarsSchedulingConfigurer(ThreadLocalVarsTaskDecorator taskDecorator) {
		Assert.notNull(taskDecorator, "'taskDecorator' must not be null");
		this.taskDecorator = taskDecorator;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		TaskScheduler scheduler = (registrar.getScheduler() != null) ? registrar.getScheduler()
				: defaultTaskScheduler();
		if (scheduler instanceof SimpleAsyncTaskScheduler simpleScheduler) {
			registrar.setTaskScheduler(new FixedDelayDecoratingTaskScheduler(simpleScheduler, this.taskDecorator));
		}
	}

	/**
	 * Find the scheduler that Spring would use, when it is unambiguous; otherwise leave the
	 * resolution to Spring.
	 */
	private @Nullable TaskScheduler defaultTaskScheduler() {
		if (this.beanFactory == null) {
			return null;
		}
		String[] names = this.beanFactory.getBeanNamesForType(TaskScheduler.class, false, false);
		if (names.length == 1) {
			return this.beanFactory.getBean(names[0], TaskScheduler.class);
		}
		if (this.beanFactory.containsBean(DEFAULT_TASK_SCHEDULER_BEAN_NAME)
				&& this.beanFactory.isTypeMatch(DEFAULT_TASK_SCHEDULER_BEAN_NAME, TaskScheduler.class)) {
			return this.beanFactory.getBean(DEFAULT_TASK_SCHEDULER_BEAN_NAME, TaskScheduler.class);
		}
		return null;
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
			return this.delegate.scheduleWithFixedDelay(this.decorator.decorate(task), startTime, delay);
		}

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
			return this.delegate.scheduleWithFixedDelay(this.decorator.decorate(task), delay);
		}

	}

}
