package dev.threadlocal.web;

import java.time.Duration;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.autoconfigure.ThreadLocalVarsProperties;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static dev.threadlocal.web.RequestStateClient.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control of {@link OuterDispatchIntegrationTests}: with the filter registered for
 * request, async and error dispatches only (this starter's registration until it covered
 * forwards), the error page that an outer filter forwards to leaves its state on the thread
 * until the next request finds it.
 */
@SpringBootTest(
		classes = { RequestStateApplication.class, OuterDispatchFilters.class,
				OuterDispatchWithoutForwardIntegrationTests.RequestAsyncErrorRegistration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
@AutoConfigureTestRestTemplate
class OuterDispatchWithoutForwardIntegrationTests {

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
	void errorPageForwardedAfterTheRequestLeaksUntilTheNextRequest() {
		long leaks = this.vars.getLeaksDetected();
		int created = this.counts.created.get();
		int destroyed = this.counts.destroyed.get();
		ResponseEntity<Map> failed = this.rest.getForEntity("/fail?user=bob", Map.class);
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(state(failed.getBody(), "after")).containsEntry("user", "error page");
		// only the failed request's own bean is destroyed: nothing clears the error page's
		assertThat(this.counts.created).hasValue(created + 2);
		assertThat(this.counts.destroyed).hasValue(destroyed + 1);
		// the next request's boundary finds the error page's state, reports and clears it
		assertThat(this.client.get("/state")).containsEntry("user", null).containsEntry("bean", null);
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaks + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.counts.destroyed).hasValue(destroyed + 2));
	}

	@Configuration(proxyBeanMethods = false)
	static class RequestAsyncErrorRegistration {

		@Bean
		FilterRegistrationBean<ThreadLocalVarsFilter> threadLocalVarsFilter(ThreadLocalVars threadLocalVars) {
			FilterRegistrationBean<ThreadLocalVarsFilter> registration = new FilterRegistrationBean<>(
					new ThreadLocalVarsFilter(threadLocalVars));
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setOrder(ThreadLocalVarsProperties.DEFAULT_FILTER_ORDER);
			return registration;
		}

	}

}
