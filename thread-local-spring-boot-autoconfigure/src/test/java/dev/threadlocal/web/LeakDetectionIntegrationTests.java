package dev.threadlocal.web;

import java.io.IOException;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter ordered outside ours leaves a variable on the single worker thread after the
 * request boundary ended; the next request detects it, warns, counts and clears it before
 * the controller runs.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@AutoConfigureTestRestTemplate
@Import(LeakDetectionIntegrationTests.LeakingFilterConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class LeakDetectionIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	@SuppressWarnings("unchecked")
	void requestThatBeginsOnALeakedThreadWarnsCountsAndStartsClean(CapturedOutput output) {
		long leaksBefore = this.vars.getLeaksDetected();
		this.rest.getForObject("/state?leak=secret-value", Map.class);
		Map<String, Object> next = this.rest.getForObject("/set?user=nora", Map.class);
		assertThat((Map<String, Object>) next.get("before")).containsEntry("user", null);
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaksBefore + 1);
		assertThat(output).containsOnlyOnce("Thread-local variables [leaked-by-outer-filter] were left on thread '")
			.contains("cleared them before the request started")
			.doesNotContain("secret-value");
		assertThat(this.rest.getForObject("/state", Map.class)).containsEntry("user", null);
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaksBefore + 1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LeakingFilterConfiguration {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> leakingFilter(ThreadLocalVars vars) {
			OncePerRequestFilter filter = new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					chain.doFilter(request, response);
					String leak = request.getParameter("leak");
					if (leak != null) {
						vars.set("leaked-by-outer-filter", leak);
					}
				}

			};
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
