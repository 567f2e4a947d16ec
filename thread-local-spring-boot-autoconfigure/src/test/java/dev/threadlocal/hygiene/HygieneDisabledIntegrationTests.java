package dev.threadlocal.hygiene;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control of {@link HygieneIntegrationTests}: with hygiene off, the next unit of work
 * on the same thread does see the state the previous one left.
 */
@SpringBootTest(classes = HygieneApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"thread-local.hygiene.enabled=false",
				"thread-local.hygiene.thread-locals=dev.threadlocal.hygiene.TenantContext.CURRENT",
				"thread-local.hygiene.mdc-keys=user,outer" })
@AutoConfigureTestRestTemplate
class HygieneDisabledIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	private HygieneClient client;

	@BeforeEach
	void client() {
		this.client = new HygieneClient(this.rest);
	}

	@AfterEach
	void cleanTheThreads() {
		this.client.get("/clean");
		this.client.get("/clean-async");
	}

	@Test
	void nextRequestSeesWhatTheLastOneLeft() {
		Map<String, Object> left = this.client.get("/leave?value=nora");
		Map<String, Object> next = this.client.get("/see");
		assertThat(next.get("thread")).isEqualTo(left.get("thread"));
		assertThat(next).containsEntry("tenant", "nora").containsEntry("mdc", "nora").containsEntry("authentication", "nora");
	}

	@Test
	void nextTaskSeesWhatTheLastOneLeft() {
		Map<String, Object> left = this.client.get("/leave-async?value=nora");
		Map<String, Object> next = this.client.get("/see-async");
		assertThat(next.get("thread")).isEqualTo(left.get("thread"));
		assertThat(next).containsEntry("tenant", "nora").containsEntry("mdc", "nora").containsEntry("authentication", "nora");
	}

}
