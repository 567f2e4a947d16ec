package dev.threadlocal.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults on a real Tomcat with one worker thread: each leaves the thread clean, is logged
 * once with the variable's name, and the next request is unaffected.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"spring.web.error.include-stacktrace=always" })
@AutoConfigureTestRestTemplate
@ExtendWith(OutputCaptureExtension.class)
class RequestFaultsIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@LocalServerPort
	private int port;

	@Test
	void throwingDestructionCallbackIsLoggedOnceAndTheThreadIsStillCleared(CapturedOutput output) {
		Map<String, Object> before = get("/counts");
		assertThat(get("/failing-callback?user=kate")).containsEntry("user", "kate");
		assertNextRequestIsUnaffected();
		awaitCounts(before, 1, 1);
		assertThat(output).containsOnlyOnce("Destruction callback of thread-local variable 'audit-flush' failed")
			.contains("audit store unavailable");
	}

	@Test
	void factoryThatThrowsMidRequestIsLoggedOnceWithTheVariableAndTheThreadIsCleared(CapturedOutput output) {
		Map<String, Object> before = get("/counts");
		ResponseEntity<String> failed = this.rest.getForEntity("/failing-factory?user=leo", String.class);
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		// the error report (the exception the container logs) names the variable once
		assertThat(failed.getBody()).containsOnlyOnce("While creating thread-local variable 'report'")
			.contains("report service down");
		assertNextRequestIsUnaffected();
		awaitCounts(before, 1, 1);
		// the library itself adds no second log of the same failure
		assertThat(output.toString().split("While creating thread-local variable 'report'", -1))
			.hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void clientThatDisconnectsMidResponseLeavesBothThreadsClean() throws Exception {
		Map<String, Object> before = get("/counts");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /stream?user=mia&chunks=100000 HTTP/1.1\r\nHost: localhost\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 ");
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.rest.getForObject("/aborted-streams", Integer.class)).isPositive());
		awaitCounts(before, 2, 2);
		assertNextRequestIsUnaffected();
	}

	@SuppressWarnings("unchecked")
	private void assertNextRequestIsUnaffected() {
		assertThat(get("/state")).containsEntry("user", null).containsEntry("bean", null);
		Map<String, Object> next = get("/set?user=next");
		assertThat((Map<String, Object>) next.get("before")).containsEntry("user", null).containsEntry("bean", null);
		assertThat((Map<String, Object>) next.get("after")).containsEntry("user", "next");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) {
		ResponseEntity<Map> response = this.rest.getForEntity(path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private void awaitCounts(Map<String, Object> before, int created, int destroyed) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> now = get("/counts");
			assertThat((int) now.get("created") - (int) before.get("created")).isGreaterThanOrEqualTo(created);
			assertThat((int) now.get("destroyed")).isEqualTo((int) now.get("created"));
		});
	}

}
