package dev.threadlocal.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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

	private RequestStateClient client;

	@BeforeEach
	void createClient() {
		this.client = new RequestStateClient(this.rest);
	}

	@LocalServerPort
	private int port;

	@Test
	void throwingDestructionCallbackIsLoggedOnceAndTheThreadIsStillCleared(CapturedOutput output) {
		Map<String, Object> before = this.client.get("/counts");
		assertThat(this.client.get("/failing-callback?user=kate")).containsEntry("user", "kate");
		assertNextRequestIsUnaffected();
		this.client.awaitAllDestroyed(before, 1);
		assertThat(output).containsOnlyOnce("Destruction callback of thread-local variable 'audit-flush' failed")
			.contains("audit store unavailable");
	}

	@Test
	void factoryThatThrowsMidRequestIsLoggedOnceWithTheVariableAndTheThreadIsCleared(CapturedOutput output) {
		Map<String, Object> before = this.client.get("/counts");
		ResponseEntity<String> failed = this.rest.getForEntity("/failing-factory?user=leo", String.class);
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		// the error report (the exception the container logs) names the variable once
		assertThat(failed.getBody()).containsOnlyOnce("While creating thread-local variable 'report'")
			.contains("report service down");
		assertNextRequestIsUnaffected();
		this.client.awaitAllDestroyed(before, 1);
		// the library itself adds no second log of the same failure
		assertThat(output.toString().split("While creating thread-local variable 'report'", -1))
			.hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void clientThatDisconnectsMidResponseLeavesBothThreadsClean() throws Exception {
		Map<String, Object> before = this.client.get("/counts");
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
		this.client.awaitAllDestroyed(before, 2);
		assertNextRequestIsUnaffected();
	}

	@SuppressWarnings("unchecked")
	private void assertNextRequestIsUnaffected() {
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		Map<String, Object> next = this.client.get("/set?user=next");
		assertThat((Map<String, Object>) next.get("before")).containsEntry("user", null).containsEntry("bean", null);
		assertThat((Map<String, Object>) next.get("after")).containsEntry("user", "next");
	}

}
