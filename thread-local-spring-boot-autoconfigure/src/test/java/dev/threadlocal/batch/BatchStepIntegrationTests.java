package dev.threadlocal.batch;

import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.batch.BatchStepApplication.Counts;
import dev.threadlocal.batch.BatchStepApplication.Run;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Spring Batch step is a unit of work: steps of a job run one after the other on
 * the launching thread (a synchronous job operator, no task executor on the steps), and
 * each starts clean and destroys its thread-scoped bean, also a step whose tasklet throws.
 * The spring.autoconfigure.exclude property re-enables Spring Batch, which the test
 * application.properties excludes for the other tests.
 */
@SpringBootTest(classes = BatchStepApplication.class, properties = {
		"spring.autoconfigure.exclude=org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration,"
				+ "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
		"spring.batch.job.enabled=false" })
class BatchStepIntegrationTests {

	@Autowired
	private JobOperator jobOperator;

	@Autowired
	@Qualifier("work")
	private Job work;

	@Autowired
	@Qualifier("failing")
	private Job failing;

	@Autowired
	private Counts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyStepStartsCleanAndDestroysItsBeanWhenItEnds() throws Exception {
		assertThat(this.jobOperator.start(this.work, parameters(1)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.jobOperator.start(this.failing, parameters(2)).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.vars.names()).isEmpty();
		assertThat(this.jobOperator.start(this.work, parameters(3)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Run> runs = List.copyOf(this.counts.runs);
		assertThat(runs).extracting(Run::step)
			.containsExactly("stepA", "stepB", "stepC", "failingStep", "stepA", "stepB", "stepC");
		assertThat(runs).extracting(Run::thread).containsOnly(Thread.currentThread().getName());
		assertThat(runs).allSatisfy((run) -> {
			assertThat(run.inBoundary()).isTrue();
			assertThat(run.leftOverValue()).isNull();
			assertThat(run.leftOverBean()).isNull();
		});
		assertThat(this.counts.beansDestroyed).hasValue(7);
		assertThat(this.counts.boundariesEnded).hasSize(7).containsOnly(BoundaryKind.STEP);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	static JobParameters parameters(long run) {
		return new JobParametersBuilder().addLong("run", run).toJobParameters();
	}

}
