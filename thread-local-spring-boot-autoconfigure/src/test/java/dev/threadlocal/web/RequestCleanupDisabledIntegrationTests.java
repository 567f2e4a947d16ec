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
 * The same application without the filter: its single worker thread is reused, so one
 * request's state does reach the next. This is what the filter prevents, and it proves
 * that the other integration tests really reuse the thread.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"thread-local.filter.enabled=false" })
@AutoConfigureTestRestTemplate
class RequestCleanupDisabledIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	@SuppressWarnings("unchecked")
	void withoutTheFilterTheNextRequestSeesTheStaleValueAndBean() {
		Map<String, Object> set = this.rest.getForObject("/set?user=alice", Map.class);
		Map<String, Object> after = (Map<String, Object>) set.get("after");
		Map<String, Object> next = this.rest.getForObject("/state", Map.class);
		assertThat(next.get("thread")).isEqualTo(after.get("thread"));
		assertThat(next).containsEntry("user", "alice").containsEntry("bean", after.get("bean"));
	}

	@Test
	void withoutTheFilterARequestHasNoBoundarySoNothingIsDetected() {
		this.rest.getForObject("/set?user=alice", Map.class);
		this.rest.getForObject("/set?user=bob", Map.class);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
