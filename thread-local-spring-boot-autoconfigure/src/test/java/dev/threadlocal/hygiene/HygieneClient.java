package dev.threadlocal.hygiene;

import java.util.Map;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls {@link HygieneApplication}'s endpoints and reads what they report.
 */
class HygieneClient {

	private final TestRestTemplate rest;

	HygieneClient(TestRestTemplate rest) {
		this.rest = rest;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> get(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity(path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

}
