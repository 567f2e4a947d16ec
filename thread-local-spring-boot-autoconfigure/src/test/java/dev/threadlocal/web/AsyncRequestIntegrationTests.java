package dev.threadlocal.web;

import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static dev.threadlocal.web.RequestStateClient.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servlet async requests on a real Tomcat with one worker thread and one executor thread:
 * neither thread keeps anything, and every bean created is destroyed exactly once.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
@AutoConfigureTestRestTemplate
class AsyncRequestIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	private RequestStateClient client;

	@BeforeEach
	void createClient() {
		this.client = new RequestStateClient(this.rest);
	}

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void deferredResultCompletedFromAnotherThreadLeavesNothingOnEitherThread() {
		Map<String, Object> before = this.client.get("/counts");
		Map<String, Object> first = this.client.get("/deferred?user=erin");
		Map<String, Object> second = this.client.get("/deferred?user=frank");
		assertThat(state(first, "executorAfter")).containsEntry("user", "erin on executor");
		assertThat(state(second, "containerBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore").get("thread")).isEqualTo(state(first, "executorAfter").get("thread"));
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.client.awaitCounts(before, 4, 4);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void streamingResponseBodyLeavesNothingOnEitherThread() {
		Map<String, Object> before = this.client.get("/counts");
		String first = this.rest.getForObject("/stream?user=gina&chunks=2", String.class);
		String second = this.rest.getForObject("/stream?user=hank&chunks=2", String.class);
		assertThat(first).startsWith("before: {thread=").contains("user=null, bean=null}");
		assertThat(second).startsWith("before: {thread=").contains("user=null, bean=null}");
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.client.awaitCounts(before, 4, 4);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void timedOutAsyncRequestLeavesNothingBehindOnceItsTaskFinishes() {
		Map<String, Object> before = this.client.get("/counts");
		ResponseEntity<String> timedOut = this.rest.getForEntity("/slow?user=ivan", String.class);
		assertThat(timedOut.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.rest.getForObject("/release-slow-tasks", String.class);
		this.client.awaitCounts(before, 2, 2);
		Map<String, Object> next = this.client.get("/deferred?user=judy");
		assertThat(state(next, "executorBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
