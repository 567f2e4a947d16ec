package dev.threadlocal.batch;

import java.time.LocalDateTime;

import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsStepExecutionListener}.
 */
class ThreadLocalVarsStepExecutionListenerTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final ThreadLocalVarsStepExecutionListener listener = new ThreadLocalVarsStepExecutionListener(
			() -> this.vars);

	private final JobExecution job = new JobExecution(1, new JobInstance(1, "job"), new JobParameters());

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void clearsTheThreadWhenTheStepEnds() {
		StepExecution step = new StepExecution("step", this.job);
		this.listener.beforeStep(step);
		assertThat(this.vars.isInBoundary()).isTrue();
		this.vars.set("a", "1");
		this.listener.afterStep(step);
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.names()).isEmpty();
	}

	@Test
	void aStepRunInsideAnotherJoinsItsBoundary() {
		StepExecution flow = new StepExecution("flow", this.job);
		StepExecution inner = new StepExecution("inner", this.job);
		this.listener.beforeStep(flow);
		this.vars.set("flow", "1");
		this.listener.beforeStep(inner);
		this.vars.set("inner", "2");
		this.listener.afterStep(inner);
		assertThat(this.vars.isInBoundary()).isTrue();
		assertThat(this.vars.names()).containsExactlyInAnyOrder("flow", "inner");
		this.listener.afterStep(flow);
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	@Test
	void endsTheBoundaryOfAnEndedStepWhoseAfterStepWasSkippedWhenTheNextStepBegins() {
		StepExecution skipped = new StepExecution("skipped", this.job);
		this.listener.beforeStep(skipped);
		this.vars.set("skipped", "1");
		skipped.setEndTime(LocalDateTime.now()); // ended, but another listener's afterStep threw
		StepExecution next = new StepExecution("next", this.job);
		this.listener.beforeStep(next);
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.vars.isInBoundary()).isTrue();
		this.listener.afterStep(next);
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void ignoresAnAfterStepWithoutABeforeStep() {
		this.listener.afterStep(new StepExecution("never begun", this.job));
		assertThat(this.vars.isInBoundary()).isFalse();
	}

}
