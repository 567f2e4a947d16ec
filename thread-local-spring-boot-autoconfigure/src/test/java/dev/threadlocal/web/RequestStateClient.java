package dev.threadlocal.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls {@link RequestStateApplication}'s endpoints and reads what they report.
 */
class RequestStateClient {

	private final TestRestTemplate rest;

	RequestStateClient(TestRestTemplate rest) {
		this.rest = rest;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> get(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity(path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> state(Map<String, Object> response, String key) {
		return (Map<String, Object>) response.get(key);
	}

	/**
	 * Wait until exactly the given numbers of thread-scoped beans were created and
	 * destroyed since {@code before} (a response of {@code /counts}).
	 */
	void awaitCounts(Map<String, Object> before, int created, int destroyed) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> now = get("/counts");
			assertThat((int) now.get("created") - (int) before.get("created")).isEqualTo(created);
			assertThat((int) now.get("destroyed") - (int) before.get("destroyed")).isEqualTo(destroyed);
		});
	}

	/**
	 * Wait until at least the given number of thread-scoped beans were created since
	 * {@code before} and every bean ever created is destroyed.
	 */
	void awaitAllDestroyed(Map<String, Object> before, int created) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> now = get("/counts");
			assertThat((int) now.get("created") - (int) before.get("created")).isGreaterThanOrEqualTo(created);
			assertThat((int) now.get("destroyed")).isEqualTo((int) now.get("created"));
		});
	}

}
