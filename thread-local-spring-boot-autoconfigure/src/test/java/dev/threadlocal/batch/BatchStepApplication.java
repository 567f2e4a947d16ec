package dev.threadlocal.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * Two jobs on Spring Batch's resourceless job repository: "work" with three tasklet steps,
 * and "failing" with one step whose tasklet throws.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BatchStepApplication.StepBean.class, BatchStepApplication.Counts.class })
class BatchStepApplication {

	record Run(String step, String thread, boolean inBoundary, @Nullable Object leftOverValue,
			@Nullable Object leftOverBean) {
	}

	static class Counts {

		final List<Run> runs = new CopyOnWriteArrayList<>();

		final AtomicInteger beansDestroyed = new AtomicInteger();

		final List<BoundaryKind> boundariesEnded = new CopyOnWriteArrayList<>();

		Counts(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					Counts.this.boundariesEnded.add(kind);
				}

			});
		}

	}

	@Component("stepBean")
	@ThreadLocalScope
	static class StepBean {

		private final Counts counts;

		private @Nullable String step;

		StepBean(Counts counts) {
			this.counts = counts;
		}

		void use(String step) {
			this.step = step;
		}

		@Nullable String getStep() {
			return this.step;
		}

		@PreDestroy
		void destroyed() {
			this.counts.beansDestroyed.incrementAndGet();
		}

	}

	@Bean
	Step stepA(JobRepository jobRepository, ThreadLocalVars vars, StepBean stepBean, Counts counts) {
		return step("stepA", jobRepository, vars, stepBean, counts);
	}

	@Bean
	Step stepB(JobRepository jobRepository, ThreadLocalVars vars, StepBean stepBean, Counts counts) {
		return step("stepB", jobRepository, vars, stepBean, counts);
	}

	@Bean
	Step stepC(JobRepository jobRepository, ThreadLocalVars vars, StepBean stepBean, Counts counts) {
		return step("stepC", jobRepository, vars, stepBean, counts);
	}

	@Bean
	Step failingStep(JobRepository jobRepository, ThreadLocalVars vars, StepBean stepBean, Counts counts) {
		return step("failingStep", jobRepository, vars, stepBean, counts);
	}

	@Bean
	Job work(JobRepository jobRepository, Step stepA, Step stepB, Step stepC) {
		return new JobBuilder("work", jobRepository).start(stepA).next(stepB).next(stepC).build();
	}

	@Bean
	Job failing(JobRepository jobRepository, Step failingStep) {
		return new JobBuilder("failing", jobRepository).start(failingStep).build();
	}

	private static Step step(String name, JobRepository jobRepository, ThreadLocalVars vars, StepBean stepBean,
			Counts counts) {
		return new StepBuilder(name, jobRepository).tasklet((contribution, chunkContext) -> {
			Object leftOverBean = vars.find("scopedTarget.stepBean");
			counts.runs.add(new Run(name, Thread.currentThread().getName(), vars.isInBoundary(), vars.find("step"),
					(leftOverBean != null) ? ((StepBean) leftOverBean).getStep() : null));
			vars.set("step", name);
			stepBean.use(name);
			if (name.startsWith("failing")) {
				throw new IllegalStateException(name + " fails");
			}
			return RepeatStatus.FINISHED;
		}).build();
	}

}
