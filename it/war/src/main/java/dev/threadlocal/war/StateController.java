package dev.threadlocal.war;

import java.io.IOException;
import java.util.concurrent.Callable;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Endpoints that report the state they find at start, then use a variable and a
 * thread-scoped bean: normally, by throwing, by forwarding, by including and async.
 */
@RestController
class StateController {

	private static final String TEXT = MediaType.TEXT_PLAIN_VALUE;

	private final State state;

	private final BeanCounts counts;

	private final AsyncTaskExecutor executor;

	StateController(State state, BeanCounts counts, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.state = state;
		this.counts = counts;
		this.executor = executor;
	}

	@GetMapping(path = "/set", produces = TEXT)
	String set(@RequestParam String user) {
		String start = this.state.seen("start");
		this.state.use(user);
		return start + this.state.seen("after");
	}

	@GetMapping(path = "/fail", produces = TEXT)
	String fail(@RequestParam String user, HttpServletRequest request) {
		this.state.seen("start", request);
		this.state.use(user);
		throw new IllegalStateException("Failed on purpose for " + user);
	}

	@GetMapping(path = "/forward", produces = TEXT)
	void forward(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		this.state.seen("start", request);
		this.state.use(user);
		request.getRequestDispatcher("/forwarded").forward(request, response);
	}

	@GetMapping(path = "/forwarded", produces = TEXT)
	String forwarded(HttpServletRequest request) {
		return request.getAttribute(State.SEEN_ATTRIBUTE) + this.state.seen("forwarded");
	}

	@GetMapping(path = "/include", produces = TEXT)
	void include(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		response.setContentType(TEXT);
		response.getWriter().print(this.state.seen("start"));
		this.state.use(user);
		request.getRequestDispatcher("/included").include(request, response);
		response.getWriter().print(this.state.seen("after-include"));
	}

	@GetMapping(path = "/included", produces = TEXT)
	void included(HttpServletResponse response) throws IOException {
		response.getWriter().print(this.state.seen("included"));
	}

	@GetMapping(path = "/async", produces = TEXT)
	Callable<String> async(@RequestParam String user) {
		String start = this.state.seen("start");
		this.state.use(user);
		return () -> {
			String executorStart = this.state.seen("executor-start");
			this.state.use(user + "-executor");
			return start + executorStart;
		};
	}

	@GetMapping(path = "/deferred", produces = TEXT)
	DeferredResult<String> deferred(@RequestParam String user) {
		String start = this.state.seen("start");
		this.state.use(user);
		DeferredResult<String> result = new DeferredResult<>(30_000L);
		this.executor.execute(() -> {
			String executorStart = this.state.seen("executor-start");
			this.state.use(user + "-executor");
			result.setResult(start + executorStart);
		});
		return result;
	}

	@GetMapping(path = "/counts", produces = TEXT)
	String counts() {
		return "created=" + this.counts.created.get() + " destroyed=" + this.counts.destroyed.get() + "\n";
	}

}
