package dev.threadlocal.harness;

import java.util.Locale;

/**
 * The kinds of request the harness sends, in the mix it sends them.
 */
enum RequestKind {

	/**
	 * Sets and reads back the user on the container thread.
	 */
	PLAIN("/harness/plain", 1, false),

	/**
	 * Sets the user, then throws: a 500 from Boot's error page.
	 */
	THROW("/harness/throw", 1, false),

	/**
	 * Sets the user, then returns a {@code Callable} that sets it again on an executor
	 * thread.
	 */
	CALLABLE("/harness/callable", 2, true),

	/**
	 * Sets the user, then returns a {@code DeferredResult} that an {@code @Async} task
	 * completes after setting the user on its executor thread.
	 */
	DEFERRED("/harness/deferred", 2, true),

	/**
	 * Sets the user, waits for an {@code @Async} task that sets it on its executor thread,
	 * then looks again on the container thread.
	 */
	ASYNC_TASK("/harness/async-task", 2, false),

	/**
	 * Sets the user, then forwards to an endpoint that must see the same user.
	 */
	FORWARD("/harness/forward", 1, false);

	/**
	 * Twenty requests: 65% plain, 10% throw, 10% async (Callable and DeferredResult), 10%
	 * waiting for an {@code @Async} task, 5% forward; {@code @Async} runs in 15%.
	 */
	private static final RequestKind[] MIX = { PLAIN, THROW, PLAIN, CALLABLE, PLAIN, ASYNC_TASK, PLAIN, FORWARD,
			PLAIN, PLAIN, DEFERRED, PLAIN, THROW, PLAIN, PLAIN, ASYNC_TASK, PLAIN, PLAIN, PLAIN, PLAIN };

	private final String path;

	private final int beansPerRequest;

	private final boolean async;

	RequestKind(String path, int beansPerRequest, boolean async) {
		this.path = path;
		this.beansPerRequest = beansPerRequest;
		this.async = async;
	}

	/**
	 * Return the kind of the request with the given index.
	 * @param index the index of the request in the burst
	 * @return its kind
	 */
	static RequestKind of(int index) {
		return MIX[index % MIX.length];
	}

	String path() {
		return this.path;
	}

	/**
	 * Return how many thread-scoped beans one request of this kind creates when every
	 * thread starts clean: one per thread that enters the user.
	 */
	int beansPerRequest() {
		return this.beansPerRequest;
	}

	/**
	 * Return whether the request is an async request (its errors count as async errors).
	 */
	boolean isAsync() {
		return this.async;
	}

	/**
	 * Return the kind as the server reports it.
	 */
	String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
