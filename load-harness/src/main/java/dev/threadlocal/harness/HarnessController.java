package dev.threadlocal.harness;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Endpoints for each kind of harness request: each enters its user, uses it, and answers
 * what its threads saw.
 *
 * @since 0.1.0
 */
@RestController
@RequestMapping("/harness")
public class HarnessController {

	private static final long ASYNC_TIMEOUT_SECONDS = 30;

	private static final String CONTAINER_SIGHTING = "dev.threadlocal.harness.containerSighting";

	private final UserState state;

	private final AsyncObserver asyncObserver;

	private final HarnessCounters counters;

	public HarnessController(UserState state, AsyncObserver asyncObserver, HarnessCounters counters) {
		this.state = state;
		this.asyncObserver = asyncObserver;
		this.counters = counters;
	}

	@GetMapping("/plain")
	public Report plain(@RequestParam String user) {
		return new Report("plain", user, List.of(this.state.enter("container", user)));
	}

	@GetMapping("/throw")
	public Report fail(@RequestParam String user) {
		Sighting sighting = this.state.enter("container", user);
		this.counters.throwingRequest(sighting.isLeakFor(user));
		throw new HarnessFailureException(user);
	}

	@GetMapping("/callable")
	public Callable<Report> callable(@RequestParam String user) {
		Sighting container = this.state.enter("container", user);
		return () -> new Report("callable", user, List.of(container, this.state.enter("callable", user)));
	}

	@GetMapping("/deferred")
	public DeferredResult<Report> deferred(@RequestParam String user) {
		Sighting container = this.state.enter("container", user);
		DeferredResult<Report> result = new DeferredResult<>(TimeUnit.SECONDS.toMillis(ASYNC_TIMEOUT_SECONDS));
		this.asyncObserver.observe(user).whenComplete((executor, ex) -> {
			if (ex != null) {
				result.setErrorResult(ex);
			}
			else {
				result.setResult(new Report("deferred", user, List.of(container, executor)));
			}
		});
		return result;
	}

	@GetMapping("/async-task")
	public Report asyncTask(@RequestParam String user)
			throws InterruptedException, ExecutionException, TimeoutException {
		Sighting container = this.state.enter("container", user);
		Sighting executor = this.asyncObserver.observe(user).get(ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		return new Report("async-task", user, List.of(container, executor,
				this.state.look("container-after-async", user)));
	}

	@GetMapping("/forward")
	public void forward(@RequestParam String user, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		request.setAttribute(CONTAINER_SIGHTING, this.state.enter("container", user));
		request.getRequestDispatcher("/harness/forwarded").forward(request, response);
	}

	@GetMapping("/forwarded")
	public Report forwarded(@RequestParam String user, @RequestAttribute(CONTAINER_SIGHTING) Sighting container) {
		return new Report("forward", user, List.of(container, this.state.look("forwarded", user)));
	}

	@GetMapping("/summary")
	public ServerCounters summary() {
		return this.counters.snapshot();
	}

	/**
	 * Thrown on purpose by {@code /harness/throw} after the request set its state.
	 */
	static class HarnessFailureException extends RuntimeException {

		HarnessFailureException(String user) {
			super("Request of " + user + " failed on purpose after setting its state", null, false, false);
		}

	}

}
