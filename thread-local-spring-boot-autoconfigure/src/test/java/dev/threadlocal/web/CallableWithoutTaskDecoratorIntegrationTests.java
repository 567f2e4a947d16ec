package dev.threadlocal.web;

import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the task decorator off, the Callable interceptor alone runs a controller's
 * {@code Callable} inside a boundary on the executor thread.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"thread-local.task.enabled=false" })
@AutoConfigureTestRestTemplate
class CallableWithoutTaskDecoratorIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	@SuppressWarnings("unchecked")
	void callableRunsInsideABoundaryOnTheExecutorThread() {
		Map<String, Object> first = this.rest.getForObject("/async?user=olga", Map.class);
		Map<String, Object> second = this.rest.getForObject("/async?user=pete", Map.class);
		Map<String, Object> firstAfter = (Map<String, Object>) first.get("executorAfter");
		Map<String, Object> secondBefore = (Map<String, Object>) second.get("executorBefore");
		assertThat(firstAfter).containsEntry("user", "olga on executor");
		assertThat(secondBefore.get("thread")).isEqualTo(firstAfter.get("thread"));
		assertThat(secondBefore).containsEntry("user", null).containsEntry("bean", null);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
