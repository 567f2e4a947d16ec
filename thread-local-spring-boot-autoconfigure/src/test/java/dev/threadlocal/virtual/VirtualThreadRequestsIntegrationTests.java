package dev.threadlocal.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import static dev.threadlocal.virtual.VirtualThreadsApplication.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests on a real Tomcat that serves each request on a virtual thread: state set in a
 * request lives until the request ends, and its thread-scoped bean is destroyed then.
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = VirtualThreadsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
@AutoConfigureTestRestTemplate
class VirtualThreadRequestsIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private BeanCounts counts;

	@Test
	void requestIsServedOnAVirtualThreadInsideABoundary() {
		assertThat(get("/state")).containsEntry("virtual", true).containsEntry("boundary", true);
	}

	@Test
	void valueAndBeanSetInARequestAreVisibleLaterInIt() {
		Map<String, Object> response = get("/set?user=alice");
		assertThat(state(response, "before")).containsEntry(USER, null).containsEntry(REQUEST_BEAN, null);
		assertThat(state(response, "after")).containsEntry(USER, "alice").extractingByKey(REQUEST_BEAN).isNotNull();
	}

	@Test
	void valueAndBeanOfOneRequestAreAbsentInTheNext() {
		get("/set?user=bob");
		assertThat(get("/state")).containsEntry(USER, null).containsEntry(REQUEST_BEAN, null);
	}

	@Test
	void preDestroyRunsOncePerRequestThatCreatedTheBean() {
		int createdBefore = this.counts.createdCount(REQUEST_BEAN);
		int destroyedBefore = this.counts.destroyedCount(REQUEST_BEAN);
		List<Integer> beans = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			beans.add((Integer) state(get("/set?user=user-" + i), "after").get(REQUEST_BEAN));
		}
		get("/state");
		assertThat(beans).doesNotHaveDuplicates().hasSize(5);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.counts.createdCount(REQUEST_BEAN) - createdBefore).isEqualTo(5);
			assertThat(this.counts.destroyedCount(REQUEST_BEAN) - destroyedBefore).isEqualTo(5);
			assertThat(beans).allSatisfy((bean) -> assertThat(this.counts.destructionsOf(bean)).isOne());
		});
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

}
