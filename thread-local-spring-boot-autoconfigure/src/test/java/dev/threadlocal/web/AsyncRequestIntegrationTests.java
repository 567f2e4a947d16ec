package dev.threadlocal.web;

import java.time.Duration;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void deferredResultCompletedFromAnotherThreadLeavesNothingOnEitherThread() {
		Map<String, Object> before = get("/counts");
		Map<String, Object> first = get("/deferred?user=erin");
		Map<String, Object> second = get("/deferred?user=frank");
		assertThat(state(first, "executorAfter")).containsEntry("user", "erin on executor");
		assertThat(state(second, "containerBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore").get("thread")).isEqualTo(state(first, "executorAfter").get("thread"));
		assertThat(get("/state")).containsEntry("user", null).containsEntry("bean", null);
		awaitCounts(before, 4, 4);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void streamingResponseBodyLeavesNothingOnEitherThread() {
		Map<String, Object> before = get("/counts");
		String first = this.rest.getForObject("/stream?user=gina&chunks=2", String.class);
		String second = this.rest.getForObject("/stream?user=hank&chunks=2", String.class);
		assertThat(first).startsWith("before: {thread=").contains("user=null, bean=null}");
		assertThat(second).startsWith("before: {thread=").contains("user=null, bean=null}");
		assertThat(get("/state")).containsEntry("user", null).containsEntry("bean", null);
		awaitCounts(before, 4, 4);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@Test
	void timedOutAsyncRequestLeavesNothingBehindOnceItsTaskFinishes() {
		Map<String, Object> before = get("/counts");
		ResponseEntity<String> timedOut = this.rest.getForEntity("/slow?user=ivan", String.class);
		assertThat(timedOut.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.rest.getForObject("/release-slow-tasks", String.class);
		awaitCounts(before, 2, 2);
		Map<String, Object> next = get("/deferred?user=judy");
		assertThat(state(next, "executorBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity(path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> state(Map<String, Object> response, String key) {
		return (Map<String, Object>) response.get(key);
	}

	private void awaitCounts(Map<String, Object> before, int created, int destroyed) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> now = get("/counts");
			assertThat((int) now.get("created") - (int) before.get("created")).isEqualTo(created);
			assertThat((int) now.get("destroyed") - (int) before.get("destroyed")).isEqualTo(destroyed);
		});
	}

}
