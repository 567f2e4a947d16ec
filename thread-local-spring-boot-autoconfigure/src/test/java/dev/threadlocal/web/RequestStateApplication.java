package dev.threadlocal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

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

		private final AsyncTaskExecutor executor;

		final CountDownLatch releaseSlowTasks = new CountDownLatch(1);

		final AtomicInteger abortedStreams = new AtomicInteger();

		final AtomicReference<Map<String, Object>> seenAfterForward = new AtomicReference<>(Map.of());

		StateController(ThreadLocalVars vars, RequestBean requestBean, BeanCounts counts,
				@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
			this.vars = vars;
			this.requestBean = requestBean;
			this.counts = counts;
			this.executor = executor;
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

		@GetMapping("/forward-and-record")
		void forwardAndRecord(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
				throws ServletException, IOException {
			useState(user);
			request.getRequestDispatcher("/forwarded").forward(request, response);
			this.seenAfterForward.set(observe());
		}

		@GetMapping("/seen-after-forward")
		Map<String, Object> seenAfterForward() {
			return this.seenAfterForward.get();
		}

		/**
		 * An error page that uses thread-scoped state itself, for an outer filter that
		 * forwards to it as Spring Boot's {@code ErrorPageFilter} does in a WAR.
		 */
		@GetMapping("/error-page")
		ResponseEntity<Map<String, Object>> errorPage() {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("before", observe());
			useState("error page");
			state.put("after", observe());
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(state);
		}

		/**
		 * A fragment that uses thread-scoped state, for an outer filter that includes it
		 * after the request.
		 */
		@GetMapping("/footer")
		void footer(HttpServletResponse response) throws IOException {
			Map<String, Object> before = observe();
			useState("footer");
			response.getWriter().print("; footer found " + before + " and left " + observe());
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

		@GetMapping("/deferred")
		DeferredResult<Map<String, Object>> deferred(@RequestParam String user) {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("containerBefore", observe());
			useState(user);
			DeferredResult<Map<String, Object>> result = new DeferredResult<>();
			this.executor.execute(() -> {
				state.put("executorBefore", observe());
				useState(user + " on executor");
				state.put("executorAfter", observe());
				result.setResult(state);
			});
			return result;
		}

		@GetMapping("/stream")
		StreamingResponseBody stream(@RequestParam String user, @RequestParam int chunks) {
			useState(user);
			return (out) -> {
				String before = String.valueOf(observe());
				useState(user + " streaming");
				byte[] chunk = new byte[8192];
				Arrays.fill(chunk, (byte) 'x');
				out.write(("before: " + before + "\n").getBytes(StandardCharsets.UTF_8));
				try {
					for (int i = 0; i < chunks; i++) {
						out.write(chunk);
						out.flush();
					}
				}
				catch (IOException ex) {
					this.abortedStreams.incrementAndGet();
					throw ex;
				}
			};
		}

		@GetMapping("/slow")
		WebAsyncTask<String> slow(@RequestParam String user) {
			useState(user);
			return new WebAsyncTask<>(200, () -> {
				useState(user + " still running after the timeout");
				awaitIgnoringInterrupts(this.releaseSlowTasks);
				return "too late";
			});
		}

		@GetMapping("/failing-callback")
		Map<String, Object> failingCallback(@RequestParam String user) {
			useState(user);
			this.vars.set("audit-flush", user);
			this.vars.registerDestructionCallback("audit-flush", () -> {
				throw new IllegalStateException("audit store unavailable");
			});
			return observe();
		}

		@GetMapping("/failing-factory")
		Map<String, Object> failingFactory(@RequestParam String user) {
			useState(user);
			this.vars.getOrCreate("report", () -> {
				throw new IllegalStateException("report service down");
			});
			return observe();
		}

		/**
		 * Wait like a task that does not react to the interrupt sent on timeout, so that
		 * it keeps running after its request timed out.
		 */
		private static void awaitIgnoringInterrupts(CountDownLatch latch) {
			boolean interrupted = false;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (latch.getCount() > 0 && System.nanoTime() < deadline) {
				try {
					latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

		@GetMapping("/release-slow-tasks")
		String releaseSlowTasks() {
			this.releaseSlowTasks.countDown();
			return "released";
		}

		@GetMapping("/aborted-streams")
		int abortedStreams() {
			return this.abortedStreams.get();
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
