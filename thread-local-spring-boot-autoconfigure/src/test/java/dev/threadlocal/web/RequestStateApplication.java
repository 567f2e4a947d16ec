package dev.threadlocal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application whose endpoints report the thread-local state they find and leave.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RequestStateApplication.StateController.class, RequestStateApplication.RequestBean.class,
		RequestStateApplication.BeanCounts.class })
class RequestStateApplication {

	static final String USER = "user";

	static final String BEAN = "scopedTarget.requestBean";

	/**
	 * Counts the thread-scoped beans created and destroyed.
	 */
	@Component
	static class BeanCounts {

		final AtomicInteger created = new AtomicInteger();

		final AtomicInteger destroyed = new AtomicInteger();

	}

	/**
	 * A thread-scoped bean that counts its creation and destruction.
	 */
	@Component("requestBean")
	@ThreadLocalScope
	static class RequestBean {

		private static final AtomicInteger ids = new AtomicInteger();

		private final BeanCounts counts;

		private final int id = ids.incrementAndGet();

		RequestBean(BeanCounts counts) {
			this.counts = counts;
		}

		int getId() {
			return this.id;
		}

		@PostConstruct
		void created() {
			this.counts.created.incrementAndGet();
		}

		@PreDestroy
		void destroyed() {
			this.counts.destroyed.incrementAndGet();
		}

	}

	@RestController
	static class StateController {

		private final ThreadLocalVars vars;

		private final RequestBean requestBean;

		private final BeanCounts counts;

		StateController(ThreadLocalVars vars, RequestBean requestBean, BeanCounts counts) {
			this.vars = vars;
			this.requestBean = requestBean;
			this.counts = counts;
		}

		@GetMapping("/state")
		Map<String, Object> state() {
			return observe();
		}

		@GetMapping("/set")
		Map<String, Object> set(@RequestParam String user) {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("before", observe());
			useState(user);
			state.put("after", observe());
			return state;
		}

		@GetMapping("/fail")
		Map<String, Object> fail(@RequestParam String user) {
			useState(user);
			throw new IllegalStateException("Controller failed for " + user);
		}

		@GetMapping("/forward")
		void forward(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			useState(user);
			request.getRequestDispatcher("/forwarded").forward(request, response);
		}

		@GetMapping("/forwarded")
		Map<String, Object> forwarded() {
			return observe();
		}

		@GetMapping("/include")
		void include(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			useState(user);
			response.setContentType("text/plain");
			request.getRequestDispatcher("/included").include(request, response);
			response.getWriter().print("; after include: " + this.vars.getRequired(USER));
		}

		@GetMapping("/included")
		void included(HttpServletResponse response) throws IOException {
			response.getWriter().print("included saw: " + this.vars.getRequired(USER));
		}

		@GetMapping("/async")
		Callable<Map<String, Object>> async(@RequestParam String user) {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("containerBefore", observe());
			useState(user);
			return () -> {
				state.put("executorBefore", observe());
				useState(user + " on executor");
				state.put("executorAfter", observe());
				return state;
			};
		}

		@GetMapping("/counts")
		Map<String, Object> counts() {
			return Map.of("created", this.counts.created.get(), "destroyed", this.counts.destroyed.get());
		}

		private void useState(String user) {
			this.vars.set(USER, user);
			this.requestBean.getId();
		}

		private Map<String, Object> observe() {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("thread", Thread.currentThread().getName());
			state.put(USER, valueOrNull(USER));
			Object bean = valueOrNull(BEAN);
			state.put("bean", (bean != null) ? ((RequestBean) bean).getId() : null);
			return state;
		}

		private Object valueOrNull(String name) {
			try {
				return this.vars.getRequired(name);
			}
			catch (MissingThreadLocalVarException ex) {
				return null;
			}
		}

	}

}
