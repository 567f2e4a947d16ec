package dev.threadlocal.batch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Opens a {@link BoundaryKind#STEP step} boundary in {@code beforeStep} and closes it in
 * {@code afterStep}, both of which Spring Batch calls on the thread that executes the
 * step. Ordered first, its {@code beforeStep} runs before and its {@code afterStep} after
 * every other listener's, so their state is inside the boundary too.
 * <p>
 * A step that runs other steps on its own thread (a flow or job step, a partition step
 * with a synchronous executor) holds its boundary open while they run: theirs join it.
 * Spring Batch stops calling {@code afterStep} callbacks when one throws; a boundary left
 * open that way, by a step that has ended, is closed with a warning when the next step
 * begins on the same thread.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsStepExecutionListener implements StepExecutionListener, Ordered {

	private static final Log logger = LogFactory.getLog(ThreadLocalVarsStepExecutionListener.class);

	private final SingletonSupplier<ThreadLocalVars> threadLocalVars;

	/**
	 * Open boundaries by step execution (by identity: a step execution's equality is its
	 * id, which may not be set yet).
	 */
	private final Map<StepExecution, OpenStep> open = new IdentityHashMap<>();

	/**
	 * Create a listener whose boundaries use the given variables.
	 * @param threadLocalVars supplies the variables, called when the first step begins
	 */
	public ThreadLocalVarsStepExecutionListener(Supplier<ThreadLocalVars> threadLocalVars) {
		this.threadLocalVars = SingletonSupplier.of(threadLocalVars);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		for (OpenStep stale : staleOnThisThread()) {
			logger.warn("The thread-local boundary of step '" + stale.stepName() + "' on thread '"
					+ Thread.currentThread().getName() + "' was still open when step '" + stepExecution.getStepName()
					+ "' began (an afterStep callback of another listener threw?); ending it now");
			stale.boundary().close();
		}
		ThreadLocalVars.Boundary boundary = this.threadLocalVars.obtain().openBoundary(BoundaryKind.STEP);
		synchronized (this.open) {
			this.open.put(stepExecution, new OpenStep(stepExecution, Thread.currentThread(), boundary));
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		OpenStep step;
		synchronized (this.open) {
			step = this.open.remove(stepExecution);
		}
		if (step != null) {
			step.boundary().close();
		}
		return null;
	}

	private List<OpenStep> staleOnThisThread() {
		List<OpenStep> stale = new ArrayList<>();
		synchronized (this.open) {
			this.open.values().removeIf((step) -> {
				if (step.thread() == Thread.currentThread() && step.execution().getEndTime() != null) {
					stale.add(step);
					return true;
				}
				return false;
			});
		}
		return stale;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private record OpenStep(StepExecution execution, Thread thread, ThreadLocalVars.Boundary boundary) {

		String stepName() {
			return this.execution.getStepName();
		}

	}

}
