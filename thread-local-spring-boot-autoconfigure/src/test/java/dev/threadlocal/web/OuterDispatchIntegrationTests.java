package dev.threadlocal.web;

import java.time.Duration;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
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
import static org.awaitility.Awaitility.await;

/**
 * Forwards and includes that filters outside ours start after the request left our filter,
 * on a real Tomcat with one worker thread: each is cleared when it ends, as in a WAR, where
 * Spring Boot's {@code ErrorPageFilter} renders error pages by such a forward.
 */
@SpringBootTest(classes = { RequestStateApplication.class, OuterDispatchFilters.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
@AutoConfigureTestRestTemplate
class OuterDispatchIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Autowired
	private RequestStateApplication.BeanCounts counts;

	private RequestStateClient client;

	@BeforeEach
	void createClient() {
		this.client = new RequestStateClient(this.rest);
	}

	@Test
	@SuppressWarnings("unchecked")
	void errorPageForwardedAfterTheRequestFindsNothingAndLeavesNothing() {
		long leaks = this.vars.getLeaksDetected();
		int created = this.counts.created.get();
		int destroyed = this.counts.destroyed.get();
		ResponseEntity<Map> failed = this.rest.getForEntity("/fail?user=bob", Map.class);
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		Map<String, Object> errorPage = failed.getBody();
		assertThat(state(errorPage, "before")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(state(errorPage, "after")).containsEntry("user", "error page").extractingByKey("bean").isNotNull();
		// the failed request's bean and the error page's bean, both destroyed without another request
		awaitBeans(created + 2, destroyed + 2);
		Map<String, Object> next = this.client.get("/state");
		assertThat(next).containsEntry("user", null).containsEntry("bean", null);
		assertThat(next.get("thread")).isEqualTo(state(errorPage, "after").get("thread"));
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaks);
	}

	@Test
	void includeAfterTheRequestFindsNothingAndLeavesNothing() {
		long leaks = this.vars.getLeaksDetected();
		int created = this.counts.created.get();
		int destroyed = this.counts.destroyed.get();
		String body = this.rest.getForObject("/include?user=gina&footer=true", String.class);
		assertThat(body).startsWith("included saw: gina; after include: gina; footer found {thread=")
			.contains("user=null, bean=null} and left {thread=")
			.contains("user=footer, bean=");
		awaitBeans(created + 2, destroyed + 2);
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaks);
	}

	@Test
	void forwardInsideTheRequestStillSeesAndKeepsTheRequestsState() {
		Map<String, Object> forwarded = this.client.get("/forward-and-record?user=hal");
		assertThat(forwarded).containsEntry("user", "hal").extractingByKey("bean").isNotNull();
		assertThat(this.client.get("/seen-after-forward")).containsEntry("user", "hal")
			.containsEntry("bean", forwarded.get("bean"));
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
	}

	private void awaitBeans(int created, int destroyed) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.counts.created).hasValue(created);
			assertThat(this.counts.destroyed).hasValue(destroyed);
		});
	}

}
