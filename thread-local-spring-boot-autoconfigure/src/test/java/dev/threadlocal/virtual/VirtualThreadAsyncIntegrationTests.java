package dev.threadlocal.virtual;

import java.time.Duration;
import java.util.Map;

import dev.threadlocal.virtual.VirtualThreadsApplication.BeanCounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static dev.threadlocal.virtual.VirtualThreadsApplication.REQUEST_BEAN;
import static dev.threadlocal.virtual.VirtualThreadsApplication.TASK_BEAN;
import static dev.threadlocal.virtual.VirtualThreadsApplication.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that waits for an {@code @Async} method run by Spring Boot's task executor on
 * virtual threads: the task has its own state, destroyed when the task ends.
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = VirtualThreadsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
@AutoConfigureTestRestTemplate
class VirtualThreadAsyncIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private BeanCounts counts;

	@Test
	void asyncMethodRunsOnAnotherVirtualThreadInsideABoundary() {
		Map<String, Object> response = get("/async?user=carol");
		Map<String, Object> task = state(response, "task", "after");
		assertThat(task).containsEntry("virtual", true).containsEntry("boundary", true);
		assertThat(task.get("thread")).isNotEqualTo(state(response, "requestBefore").get("thread"));
	}

	@Test
	void asyncTaskSeesNothingFromTheRequestThread() {
		Map<String, Object> response = get("/async?user=dave");
		assertThat(state(response, "requestBefore")).containsEntry(USER, "dave")
			.extractingByKey(REQUEST_BEAN)
			.isNotNull();
		assertThat(state(response, "task", "before")).containsEntry(USER, null)
			.containsEntry(REQUEST_BEAN, null)
			.containsEntry(TASK_BEAN, null);
	}

	@Test
	void asyncTaskStateWorksAndStaysInTheTask() {
		Map<String, Object> response = get("/async?user=erin");
		assertThat(state(response, "task", "after")).containsEntry(USER, "erin in task")
			.containsEntry(REQUEST_BEAN, null)
			.extractingByKey(TASK_BEAN)
			.isNotNull();
		assertThat(state(response, "requestAfter")).containsEntry(USER, "erin").containsEntry(TASK_BEAN, null);
	}

	@Test
	void requestKeepsItsStateWhileItWaitsForTheTask() {
		Map<String, Object> response = get("/async?user=frank");
		assertThat(state(response, "requestAfter")).isEqualTo(state(response, "requestBefore"));
	}

	@Test
	void preDestroyRunsWhenTheAsyncTaskEnds() {
		int createdBefore = this.counts.createdCount(TASK_BEAN);
		int destroyedBefore = this.counts.destroyedCount(TASK_BEAN);
		int bean = (Integer) state(get("/async?user=grace"), "task", "after").get(TASK_BEAN);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.counts.destructionsOf(bean)).isOne();
			assertThat(this.counts.createdCount(TASK_BEAN) - createdBefore).isOne();
			assertThat(this.counts.destroyedCount(TASK_BEAN) - destroyedBefore).isOne();
		});
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity(path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> state(Map<String, Object> response, String... keys) {
		Map<String, Object> state = response;
		for (String key : keys) {
			state = (Map<String, Object>) state.get(key);
		}
		return state;
	}

}
