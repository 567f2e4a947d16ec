package dev.threadlocal.hygiene;

import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.metrics.ThreadLocalVarsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real Tomcat with one worker thread and one task thread: a controller or an
 * {@code @Async} task leaves a static ThreadLocal, a listed MDC key and an authentication
 * behind; the next unit of work on the same thread finds none of them, and each leak is
 * reported by guard and key, never by value.
 */
@SpringBootTest(classes = HygieneApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"thread-local.hygiene.thread-locals=dev.threadlocal.hygiene.TenantContext.CURRENT",
				"thread-local.hygiene.mdc-keys=user,outer" })
@AutoConfigureTestRestTemplate
@ExtendWith(OutputCaptureExtension.class)
class HygieneIntegrationTests {

	private static final String TENANT = "dev.threadlocal.hygiene.TenantContext.CURRENT";

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Autowired
	private MeterRegistry meterRegistry;

	private HygieneClient client;

	@BeforeEach
	void client() {
		this.client = new HygieneClient(this.rest);
	}

	@Test
	void stateLeftByARequestIsClearedAndReportedBeforeTheNextOne(CapturedOutput output) {
		long leaksBefore = this.vars.getThreadStateLeaksDetected();
		double mdcBefore = leaks("mdc", "request", "end");
		Map<String, Object> left = this.client.get("/leave?value=secret-value");
		Map<String, Object> next = this.client.get("/see");
		assertThat(next.get("thread")).isEqualTo(left.get("thread"));
		assertThat(next).containsEntry("tenant", null).containsEntry("mdc", null).containsEntry("authentication", null);
		assertThat(this.vars.getThreadStateLeaksDetected()).isEqualTo(leaksBefore + 3);
		assertThat(leaks("mdc", "request", "end")).isEqualTo(mdcBefore + 1);
		assertThat(leaks("thread-locals", "request", "end")).isPositive();
		assertThat(leaks("security-context", "request", "end")).isPositive();
		assertThat(output).contains("Thread state thread-locals [" + TENANT + "] was left on thread '")
			.contains("Thread state mdc [user] was left on thread '")
			.contains("Thread state security-context [authentication] was left on thread '")
			.contains("by the request that just ended; cleared it")
			.doesNotContain("secret-value");
	}

	@Test
	void stateLeftByAnAsyncTaskIsClearedAndReportedBeforeTheNextOne(CapturedOutput output) {
		long leaksBefore = this.vars.getThreadStateLeaksDetected();
		Map<String, Object> left = this.client.get("/leave-async?value=secret-task-value");
		Map<String, Object> next = this.client.get("/see-async");
		assertThat(next.get("thread")).isEqualTo(left.get("thread"));
		assertThat(next).containsEntry("tenant", null).containsEntry("mdc", null).containsEntry("authentication", null);
		assertThat(this.vars.getThreadStateLeaksDetected()).isEqualTo(leaksBefore + 3);
		assertThat(leaks("mdc", "task", "end")).isPositive();
		assertThat(output).contains("Thread state mdc [user] was left on thread '")
			.contains("by the task that just ended; cleared it")
			.doesNotContain("secret-task-value");
	}

	@Test
	void stateLeftByAFilterOutsideOursIsReportedWhenTheNextRequestStarts(CapturedOutput output) {
		double before = leaks("mdc", "request", "start");
		Map<String, Object> left = this.client.get("/see?outer=secret-outer-value");
		assertThat(left).containsEntry("outer", null);
		Map<String, Object> next = this.client.get("/see");
		assertThat(next).containsEntry("outer", null);
		assertThat(leaks("mdc", "request", "start")).isEqualTo(before + 1);
		assertThat(output).contains("Thread state mdc [outer] was left on thread '")
			.contains("by code outside any boundary; cleared it before the request started")
			.doesNotContain("secret-outer-value");
	}

	@Test
	void requestsThatLeaveNothingReportNothing(CapturedOutput output) {
		this.client.get("/see");
		long leaksBefore = this.vars.getThreadStateLeaksDetected();
		this.client.get("/see");
		this.client.get("/see-async");
		this.client.get("/callable");
		this.client.get("/see");
		assertThat(this.vars.getThreadStateLeaksDetected()).isEqualTo(leaksBefore);
	}

	private double leaks(String guard, String kind, String phase) {
		Counter counter = this.meterRegistry.find(ThreadLocalVarsMetrics.THREAD_STATE_LEAKS)
			.tags(ThreadLocalVarsMetrics.GUARD_TAG, guard, ThreadLocalVarsMetrics.KIND_TAG, kind,
					ThreadLocalVarsMetrics.PHASE_TAG, phase)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
