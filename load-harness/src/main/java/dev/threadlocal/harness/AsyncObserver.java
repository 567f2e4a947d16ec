package dev.threadlocal.harness;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Service whose {@code @Async} method uses the request's user on an executor thread and
 * reports whether it found another request's state there.
 *
 * @since 0.1.0
 */
@Service
public class AsyncObserver {

	private final UserState state;

	private final HarnessCounters counters;

	public AsyncObserver(UserState state, HarnessCounters counters) {
		this.state = state;
		this.counters = counters;
	}

	/**
	 * Enter the user on the executor thread that runs this task.
	 * @param user the request's user
	 * @return what the task saw
	 */
	@Async
	public CompletableFuture<Sighting> observe(String user) {
		Sighting sighting = this.state.enter("async", user);
		this.counters.asyncTask(sighting.isLeakFor(user));
		return CompletableFuture.completedFuture(sighting);
	}

}
