package dev.threadlocal.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.threadlocal.metrics.ThreadLocalVarsMetrics;
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
 * The {@code threadlocal} actuator endpoint and the metrics on a real Tomcat whose single
 * worker thread serves every request, with both endpoints exposed over the web: they
 * describe and count what requests did, never a value that a request stored.
 * <p>
 * A request only starts once the previous one has ended its boundary on the same thread,
 * and an endpoint reads its numbers before its own boundary ends: the differences between
 * two readings are exact.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"management.endpoints.web.exposure.include=threadlocal,metrics" })
@AutoConfigureTestRestTemplate
class ThreadLocalVarsEndpointIntegrationTests {

	private static final String SECRET = "secret-value-7f3a91";

	@Autowired
	private TestRestTemplate rest;

	@Test
	@SuppressWarnings("unchecked")
	void describesTheConfigurationInEffectAndTheRegisteredScope() {
		Map<String, Object> body = endpoint();
		assertThat(body).containsOnlyKeys("leakDetection", "strict", "settings", "scope", "counters",
				"threadStateLeaks")
			.containsEntry("leakDetection", "WARN_AND_CLEAR")
			.containsEntry("strict", false);
		assertThat((Map<String, Object>) body.get("settings")).containsEntry("thread-local.filter.enabled", true)
			.containsEntry("thread-local.filter.order", -110)
			.containsEntry("thread-local.task.enabled", true)
			.containsEntry("thread-local.metrics.enabled", true)
			.containsEntry("thread-local.metrics.variable-name-tag", false)
			.containsEntry("thread-local.hygiene.enabled", true)
			.containsEntry("thread-local.register-as-thread-scope", false);
		assertThat((Map<String, Object>) body.get("scope")).containsEntry("name", "threadlocal")
			.containsEntry("registered", true)
			.containsEntry("type", "dev.threadlocal.ThreadLocalVarScope");
	}

	@Test
	void countsWhatEachRequestDid() {
		Map<String, Object> before = counters();
		get("/set?user=dave");
		get("/failing-callback?user=erin");
		Map<String, Object> after = counters();
		// /set: the variable "user" and the thread-scoped bean; /failing-callback: those and "audit-flush"
		assertThat(number(after, "variablesCreated") - number(before, "variablesCreated")).isEqualTo(5);
		assertThat(number(after, "variablesDestroyed") - number(before, "variablesDestroyed")).isEqualTo(5);
		assertThat(number(after, "destructionCallbacksFailed") - number(before, "destructionCallbacksFailed"))
			.isEqualTo(1);
		assertThat(number(after, "leaksDetected")).isEqualTo(number(before, "leaksDetected"));
		// the first reading of the endpoint ended after it, and cleared nothing
		assertThat(number(requestBoundaries(after), "ended") - number(requestBoundaries(before), "ended"))
			.isEqualTo(3);
		assertThat(number(requestBoundaries(after), "variablesCleared")
				- number(requestBoundaries(before), "variablesCleared"))
			.isEqualTo(5);
	}

	@Test
	@SuppressWarnings("unchecked")
	void countsTheExecutorSideOfAControllersCallableAsATask() {
		Map<String, Object> before = (Map<String, Object>) counters().get("boundaries");
		get("/async?user=frank");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> after = (Map<String, Object>) counters().get("boundaries");
			Map<String, Object> tasksBefore = (Map<String, Object>) before.get("task");
			Map<String, Object> tasksAfter = (Map<String, Object>) after.get("task");
			assertThat(number(tasksAfter, "ended") - number(tasksBefore, "ended")).isEqualTo(1);
			// the variable "user" and the thread-scoped bean, both set on the executor thread
			assertThat(number(tasksAfter, "variablesCleared") - number(tasksBefore, "variablesCleared"))
				.isEqualTo(2);
		});
	}

	@Test
	void recordsTheVariablesEachRequestClearedAndTheFailedCallbacks() {
		Map<String, Double> clearedBefore = metric(ThreadLocalVarsMetrics.BOUNDARY_CLEARED + "?tag=kind:request");
		Map<String, Double> failedBefore = metric(ThreadLocalVarsMetrics.DESTRUCTION_CALLBACKS_FAILED);
		get("/set?user=dave");
		get("/failing-callback?user=erin");
		Map<String, Double> clearedAfter = metric(ThreadLocalVarsMetrics.BOUNDARY_CLEARED + "?tag=kind:request");
		Map<String, Double> failedAfter = metric(ThreadLocalVarsMetrics.DESTRUCTION_CALLBACKS_FAILED);
		assertThat(clearedAfter.get("COUNT") - clearedBefore.get("COUNT")).isEqualTo(4);
		assertThat(clearedAfter.get("TOTAL") - clearedBefore.get("TOTAL")).isEqualTo(5);
		assertThat(failedAfter.get("COUNT") - failedBefore.get("COUNT")).isEqualTo(1);
	}

	@Test
	void neverShowsAVariableNameOrAValueThatARequestStored() {
		get("/set?user=" + SECRET);
		get("/failing-callback?user=" + SECRET);
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/threadlocal", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("\"counters\"")
			.doesNotContain(SECRET)
			.doesNotContain("audit-flush")
			.doesNotContain("requestBean");
		ResponseEntity<String> metric = this.rest
			.getForEntity("/actuator/metrics/" + ThreadLocalVarsMetrics.VARIABLES_CREATED, String.class);
		assertThat(metric.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(metric.getBody()).doesNotContain(SECRET).doesNotContain("audit-flush");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> endpoint() {
		ResponseEntity<Map> response = this.rest.getForEntity("/actuator/threadlocal", Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> counters() {
		return (Map<String, Object>) endpoint().get("counters");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> requestBoundaries(Map<String, Object> counters) {
		return (Map<String, Object>) ((Map<String, Object>) counters.get("boundaries")).get("request");
	}

	private static long number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).longValue();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Double> metric(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity("/actuator/metrics/" + path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Double> measurements = new HashMap<>();
		for (Map<String, Object> measurement : (List<Map<String, Object>>) response.getBody().get("measurements")) {
			measurements.put((String) measurement.get("statistic"), ((Number) measurement.get("value")).doubleValue());
		}
		return measurements;
	}

	private void get(String path) {
		assertThat(this.rest.getForEntity(path, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

}
