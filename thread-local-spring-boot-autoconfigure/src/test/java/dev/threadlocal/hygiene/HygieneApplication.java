package dev.threadlocal.hygiene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A web application whose endpoints leave per-thread state outside thread-local
 * variables (a static ThreadLocal, an MDC key and an authentication) on request and task
 * threads, and report what they find.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({ HygieneApplication.StateController.class, HygieneApplication.AsyncWork.class })
class HygieneApplication {

	static final String MDC_KEY = "user";

	static final String OUTER_MDC_KEY = "outer";

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * A filter ordered outside the starter's that leaves an MDC key after the request when
	 * asked to.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> outerLeakingFilter() {
		OncePerRequestFilter filter = new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				chain.doFilter(request, response);
				String outer = request.getParameter("outer");
				if (outer != null) {
					MDC.put(OUTER_MDC_KEY, outer);
				}
			}

		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static void leave(String value) {
		TenantContext.CURRENT.set(value);
		MDC.put(MDC_KEY, value);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(value, "n/a", "ROLE_USER"));
	}

	static void clean() {
		TenantContext.CURRENT.remove();
		MDC.clear();
		SecurityContextHolder.clearContext();
	}

	static Map<String, Object> seen() {
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("thread", Thread.currentThread().getName());
		seen.put("tenant", TenantContext.CURRENT.get());
		seen.put("mdc", MDC.get(MDC_KEY));
		seen.put("outer", MDC.get(OUTER_MDC_KEY));
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		seen.put("authentication", (authentication != null) ? authentication.getName() : null);
		return seen;
	}

	/**
	 * Async methods that leave and report state on the task executor's thread.
	 */
	@Component
	static class AsyncWork {

		@Async
		CompletableFuture<Map<String, Object>> leave(String value) {
			HygieneApplication.leave(value);
			return CompletableFuture.completedFuture(Map.of("thread", Thread.currentThread().getName()));
		}

		@Async
		CompletableFuture<Map<String, Object>> clean() {
			HygieneApplication.clean();
			return CompletableFuture.completedFuture(Map.of());
		}

		@Async
		CompletableFuture<Map<String, Object>> see() {
			return CompletableFuture.completedFuture(seen());
		}

	}

	@RestController
	static class StateController {

		private final AsyncWork asyncWork;

		StateController(AsyncWork asyncWork) {
			this.asyncWork = asyncWork;
		}

		@GetMapping("/leave")
		Map<String, Object> leaveState(@RequestParam String value) {
			HygieneApplication.leave(value);
			return Map.of("thread", Thread.currentThread().getName());
		}

		@GetMapping("/see")
		Map<String, Object> see() {
			return seen();
		}

		@GetMapping("/leave-async")
		Map<String, Object> leaveAsync(@RequestParam String value) throws Exception {
			return this.asyncWork.leave(value).get();
		}

		@GetMapping("/see-async")
		Map<String, Object> seeAsync() throws Exception {
			return this.asyncWork.see().get();
		}

		@GetMapping("/clean")
		Map<String, Object> clean() {
			HygieneApplication.clean();
			return Map.of();
		}

		@GetMapping("/clean-async")
		Map<String, Object> cleanAsync() throws Exception {
			return this.asyncWork.clean().get();
		}

		@GetMapping("/callable")
		Callable<Map<String, Object>> callable() {
			return HygieneApplication::seen;
		}

	}

}
