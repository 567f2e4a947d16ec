package dev.threadlocal.hygiene;

import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.filter.RequestContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every default guard, Spring's {@link RequestContextFilter} (order -105) and a Spring
 * Security filter chain (order -100) that authenticates every request, normal requests,
 * error dispatches, 404s, {@code Callable}s and {@code @Async} tasks produce no leak
 * report: the owners of that state reset it before the starter's boundary ends.
 */
@SpringBootTest(classes = HygieneApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1",
				"thread-local.hygiene.thread-locals=dev.threadlocal.hygiene.TenantContext.CURRENT",
				"thread-local.hygiene.mdc-keys=user,outer" })
@AutoConfigureTestRestTemplate
@Import(NoFalseLeakIntegrationTests.SecurityFilterChainConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class NoFalseLeakIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Autowired
	private RequestContextFilter requestContextFilter;

	private HygieneClient client;

	@BeforeEach
	void client() {
		this.client = new HygieneClient(this.rest);
	}

	@Test
	void normalRequestsReportNoLeak(CapturedOutput output) {
		this.client.get("/see");
		long leaksBefore = this.vars.getThreadStateLeaksDetected();
		Map<String, Object> seen = this.client.get("/see");
		assertThat(seen).containsEntry("authentication", "anonymousUser");
		assertThat(this.client.get("/see-async")).containsEntry("authentication", null);
		assertThat(this.client.get("/callable")).containsEntry("authentication", "anonymousUser");
		assertThat(this.rest.getForEntity("/missing", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.rest.getForEntity("/leave", Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		this.client.get("/see");
		assertThat(this.vars.getThreadStateLeaksDetected()).isEqualTo(leaksBefore);
		assertThat(output).doesNotContain("Thread state ");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SecurityFilterChainConfiguration {

		/**
		 * A filter chain registered as Spring Boot registers Spring Security's: order
		 * -100, every dispatcher type but forward and include.
		 */
		@Bean
		FilterRegistrationBean<FilterChainProxy> securityFilterChain() {
			FilterChainProxy proxy = new FilterChainProxy(new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE,
					new SecurityContextHolderFilter(new HttpSessionSecurityContextRepository()),
					new WebAsyncManagerIntegrationFilter(), new AnonymousAuthenticationFilter("key")));
			FilterRegistrationBean<FilterChainProxy> registration = new FilterRegistrationBean<>(proxy);
			registration.setOrder(-100);
			registration.setDispatcherTypes(DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.REQUEST);
			return registration;
		}

	}

}
