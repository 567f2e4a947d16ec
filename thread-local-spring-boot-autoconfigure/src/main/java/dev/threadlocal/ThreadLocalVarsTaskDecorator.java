package dev.threadlocal;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * {@link TaskDecorator} that runs every task inside a {@link BoundaryKind#TASK task
 * boundary}: the task starts with nothing left on the thread and the thread is cleared,
 * destruction callbacks included, when the task ends.
 * <p>
 * Spring Boot applies it to its auto-configured task executor and scheduler (so to
 * {@code @Async} and {@code @Scheduled} too). For an executor you build yourself:
 * {@code executor.setTaskDecorator(new ThreadLocalVarsTaskDecorator(threadLocalVars))}.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsTaskDecorator implements TaskDecorator {

	private final ThreadLocalVars threadLocalVars;

	/**
	 * Create a decorator that clears the given variables around each task.
	 * @param threadLocalVars the variables to clear
	 */
	public ThreadLocalVarsTaskDecorator(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		return () -> {
			try (ThreadLocalVars.Boundary boundary = this.threadLocalVars.openBoundary(BoundaryKind.TASK)) {
				runnable.run();
			}
		};
	}

}
