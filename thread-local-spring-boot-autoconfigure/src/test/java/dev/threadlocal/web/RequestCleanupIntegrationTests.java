package dev.threadlocal.web;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
 * Requests on a real Tomcat whose single worker thread serves every request: nothing one
 * request leaves on the thread reaches the next.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
@AutoConfigureTestRestTemplate
class RequestCleanupIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	private RequestStateClient client;

	@BeforeEach
	void createClient() {
		this.client = new RequestStateClient(this.rest);
	}

	@Test
	void valueAndBeanOfOneRequestAreAbsentInTheNext() {
		Map<String, Object> set = this.client.get("/set?user=alice");
		assertThat(state(set, "after")).containsEntry("user", "alice").extractingByKey("bean").isNotNull();
		Map<String, Object> next = this.client.get("/state");
		assertThat(next.get("thread")).isEqualTo(state(set, "after").get("thread"));
		assertThat(next).containsEntry("user", null).containsEntry("bean", null);
	}

	@Test
	void everyRequestStartsCleanAndGetsItsOwnBean() {
		Set<Object> threads = new HashSet<>();
		Set<Object> beans = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			Map<String, Object> response = this.client.get("/set?user=user-" + i);
			assertThat(state(response, "before")).containsEntry("user", null).containsEntry("bean", null);
			threads.add(state(response, "after").get("thread"));
			beans.add(state(response, "after").get("bean"));
		}
		assertThat(threads).hasSize(1);
		assertThat(beans).hasSize(5);
	}

	@Test
	void preDestroyRunsOncePerRequestThatCreatedTheBean() {
		Map<String, Object> before = this.client.get("/counts");
		for (int i = 0; i < 5; i++) {
			this.client.get("/set?user=user-" + i);
		}
		this.client.get("/state");
		this.client.awaitCounts(before, 5, 5);
	}

	@Test
	void throwingControllerStillGetsCleaned() {
		Map<String, Object> before = this.client.get("/counts");
		ResponseEntity<Map> failed = this.rest.getForEntity("/fail?user=bob", Map.class);
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.client.awaitCounts(before, 1, 1);
	}

	@Test
	void forwardSeesTheStateSetBeforeIt() {
		Map<String, Object> forwarded = this.client.get("/forward?user=carol");
		assertThat(forwarded).containsEntry("user", "carol").extractingByKey("bean").isNotNull();
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
	}

	@Test
	void outerRequestKeepsItsStateAfterAForward() {
		Map<String, Object> forwarded = this.client.get("/forward-and-record?user=carl");
		assertThat(forwarded).containsEntry("user", "carl");
		assertThat(this.client.get("/seen-after-forward")).containsEntry("user", "carl")
			.containsEntry("bean", forwarded.get("bean"))
			.containsEntry("thread", forwarded.get("thread"));
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
	}

	@Test
	void outerRequestKeepsItsStateAfterAnInclude() {
		String body = this.rest.getForObject("/include?user=dave", String.class);
		assertThat(body).isEqualTo("included saw: dave; after include: dave");
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
	}

	@Test
	void asyncRequestLeavesNothingOnEitherThread() {
		Map<String, Object> before = this.client.get("/counts");
		Map<String, Object> first = this.client.get("/async?user=erin");
		Map<String, Object> second = this.client.get("/async?user=frank");
		assertThat(state(first, "executorAfter")).containsEntry("user", "erin on executor");
		assertThat(state(second, "containerBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(second, "executorBefore").get("thread"))
			.isEqualTo(state(first, "executorAfter").get("thread"))
			.isNotEqualTo(state(second, "containerBefore").get("thread"));
		assertThat(state(second, "containerBefore").get("thread"))
			.isEqualTo(state(first, "containerBefore").get("thread"));
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		this.client.awaitCounts(before, 4, 4);
	}

}
