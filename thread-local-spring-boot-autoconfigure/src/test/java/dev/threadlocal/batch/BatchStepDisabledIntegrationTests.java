package dev.threadlocal.batch;

import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.batch.BatchStepApplication.Counts;
import dev.threadlocal.batch.BatchStepApplication.Run;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control for {@link BatchStepIntegrationTests}: with
 * {@code thread-local.listener.batch.enabled=false} each step DOES find the previous
 * step's variable and thread-scoped bean.
 */
@SpringBootTest(classes = BatchStepApplication.class, properties = {
		"spring.autoconfigure.exclude=org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration,"
				+ "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
		"spring.batch.job.enabled=false", "thread-local.listener.batch.enabled=false" })
class BatchStepDisabledIntegrationTests {

	@Autowired
	private JobOperator jobOperator;

	@Autowired
	@Qualifier("work")
	private Job work;

	@Autowired
	private Counts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyStepFindsThePreviousStepsState() throws Exception {
		assertThat(this.jobOperator.start(this.work, BatchStepIntegrationTests.parameters(1)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		List<Run> runs = List.copyOf(this.counts.runs);
		assertThat(runs).extracting(Run::step).containsExactly("stepA", "stepB", "stepC");
		assertThat(runs).extracting(Run::inBoundary).containsOnly(false);
		assertThat(runs).extracting(Run::leftOverValue).containsExactly(null, "stepA", "stepB");
		assertThat(runs).extracting(Run::leftOverBean).containsExactly(null, "stepA", "stepB");
		assertThat(this.counts.beansDestroyed).hasValue(0);
		assertThat(this.vars.names()).contains("step");
	}

}
