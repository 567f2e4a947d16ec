package dev.threadlocal.harness;

import java.io.IOException;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.autoconfigure.ThreadLocalVarsProperties;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same burst with cleanup on and a faulty filter ordered outside the starter's filter,
 * which sets a user after every plain request has ended: the next request's boundary finds
 * it, counts it and clears it, so residue is counted while no request sees a leak.
 */
@SpringBootTest(classes = HarnessApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "thread-local.leak-detection=clear")
@Import(LoadAndFaultHarnessResidueTests.LeakyFilterConfiguration.class)
class LoadAndFaultHarnessResidueTests {

	@LocalServerPort
	private int port;

	@Test
	void stateLeftOutsideAnyBoundaryIsCountedAsResidueAndCleared() throws Exception {
		HarnessRun run = new HarnessDriver(this.port).run("leaky-filter",
				HarnessDriver.requests("harness.off.requests", 1000));
		System.out.println(run.summaryLine());
		run.assertOnlyThrowingRequestsFailed();
		assertThat(run.server().residueDetected()).as("residue at request start").isPositive();
		assertThat(run.leaksSeen()).as("leaks seen").isZero();
		assertThat(run.server().leakySightings()).as("leaky sightings on the server").isZero();
		assertThat(run.server().beansDestroyed()).as("beans destroyed").isEqualTo(run.server().beansCreated());
	}

	@Configuration(proxyBeanMethods = false)
	static class LeakyFilterConfiguration {

		@Bean
		FilterRegistrationBean<Filter> leakyFilter(ThreadLocalVars vars) {
			Filter filter = (request, response, chain) -> leaveUserBehind(vars, request, response, chain);
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.addUrlPatterns("/harness/plain");
			registration.setOrder(ThreadLocalVarsProperties.DEFAULT_FILTER_ORDER - 1);
			return registration;
		}

		private static void leaveUserBehind(ThreadLocalVars vars, ServletRequest request, ServletResponse response,
				FilterChain chain) throws IOException, ServletException {
			chain.doFilter(request, response);
			vars.set(UserState.USER, "left behind after " + request.getParameter("user"));
		}

	}

}
