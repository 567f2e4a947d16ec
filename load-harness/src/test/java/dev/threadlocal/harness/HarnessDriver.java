package dev.threadlocal.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Sends a bounded burst of mixed requests from concurrent clients to a harness server on
 * loopback and sums up what the responses and the server's counters report.
 */
final class HarnessDriver {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_ERROR_SAMPLES = 5;

	private static final Set<String> CONTAINER_CODE = Set.of("container", "forwarded", "container-after-async");

	private final URI base;

	private final int clients;

	private final Duration timeLimit;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(REQUEST_TIMEOUT)
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Create a driver for the server on the given loopback port, with the number of
	 * clients and the time limit from the {@code harness.clients} and
	 * {@code harness.max-seconds} system properties (32 and 120 by default).
	 * @param port the server's port on 127.0.0.1
	 */
	HarnessDriver(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
		this.clients = Integer.getInteger("harness.clients", 32);
		this.timeLimit = Duration.ofSeconds(Integer.getInteger("harness.max-seconds", 120));
	}

	/**
	 * Return the number of requests to send, from a system property.
	 * @param property the name of the system property
	 * @param defaultRequests the number when the property is not set
	 * @return the number of requests
	 */
	static int requests(String property, int defaultRequests) {
		return Integer.getInteger(property, defaultRequests);
	}

	/**
	 * Send the burst, stopping after the given number of requests or the time limit,
	 * whichever comes first, then wait until the server's counters settle.
	 * @param mode the name of the run, for the summary line
	 * @param planned how many requests to send
	 * @return what the run saw
	 * @throws Exception if the clients cannot be started or awaited
	 */
	HarnessRun run(String mode, int planned) throws Exception {
		ServerCounters before = summary();
		Tally tally = new Tally();
		AtomicInteger next = new AtomicInteger();
		AtomicBoolean stoppedByTime = new AtomicBoolean();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(this.clients);
		long started;
		long finished;
		try {
			List<Future<?>> clientRuns = new ArrayList<>();
			for (int c = 0; c < this.clients; c++) {
				clientRuns.add(pool.submit(() -> {
					start.await();
					long deadline = System.nanoTime() + this.timeLimit.toNanos();
					for (int index = next.getAndIncrement(); index < planned; index = next.getAndIncrement()) {
						if (System.nanoTime() - deadline >= 0) {
							stoppedByTime.set(true);
							break;
						}
						send(index, tally);
					}
					return null;
				}));
			}
			started = System.nanoTime();
			start.countDown();
			for (Future<?> clientRun : clientRuns) {
				clientRun.get(this.timeLimit.plus(REQUEST_TIMEOUT).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
			}
			finished = System.nanoTime();
		}
		finally {
			pool.shutdownNow();
		}
		ServerCounters server = settledSummary().since(before);
		long settled = System.nanoTime();
		return new HarnessRun(mode, planned, this.clients, stoppedByTime.get(), tally.sentByKind(), tally.ok.sum(),
				tally.thrown.sum(), tally.asyncErrors.sum(), tally.otherErrors.sum(), List.copyOf(tally.errorSamples),
				tally.leakyResponses.sum(), server, tally.containerThreads.size(), tally.executorThreads.size(),
				(finished - started) / 1e9, (settled - finished) / 1e9);
	}

	private void send(int index, Tally tally) {
		RequestKind kind = RequestKind.of(index);
		String user = "user-" + index;
		tally.sent.get(kind).increment();
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(kind.path() + "?user=" + user))
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			check(kind, user, response, tally);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			tally.failed(kind, user, ex.toString());
		}
		catch (IOException | RuntimeException ex) {
			tally.failed(kind, user, ex.toString());
		}
	}

	private void check(RequestKind kind, String user, HttpResponse<String> response, Tally tally) {
		int status = response.statusCode();
		if (kind == RequestKind.THROW) {
			if (status == 500) {
				tally.thrown.increment();
			}
			else {
				tally.failed(kind, user, "status " + status + " instead of 500");
			}
			return;
		}
		if (status != 200) {
			tally.failed(kind, user, "status " + status + ": " + response.body());
			return;
		}
		Report report = this.json.readValue(response.body(), Report.class);
		if (!user.equals(report.user()) || !kind.label().equals(report.kind())) {
			tally.failed(kind, user, "answered for another request: " + response.body());
			return;
		}
		tally.ok.increment();
		if (report.isLeak()) {
			tally.leakyResponses.increment();
		}
		for (Sighting sighting : report.sightings()) {
			(CONTAINER_CODE.contains(sighting.where()) ? tally.containerThreads : tally.executorThreads)
				.add(sighting.thread());
		}
	}

	private ServerCounters settledSummary() {
		AtomicReference<ServerCounters> previous = new AtomicReference<>();
		return await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(this::summary, (now) -> {
			ServerCounters last = previous.getAndSet(now);
			return now.beansCreated() == now.beansDestroyed() || now.equals(last);
		});
	}

	private ServerCounters summary() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/harness/summary"))
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Summary answered " + response.statusCode() + ": " + response.body());
		}
		return this.json.readValue(response.body(), ServerCounters.class);
	}

	/**
	 * What the clients counted, shared between them.
	 */
	private static final class Tally {

		final Map<RequestKind, LongAdder> sent = new EnumMap<>(RequestKind.class);

		final LongAdder ok = new LongAdder();

		final LongAdder thrown = new LongAdder();

		final LongAdder asyncErrors = new LongAdder();

		final LongAdder otherErrors = new LongAdder();

		final LongAdder leakyResponses = new LongAdder();

		final Queue<String> errorSamples = new ConcurrentLinkedQueue<>();

		final Set<String> containerThreads = ConcurrentHashMap.newKeySet();

		final Set<String> executorThreads = ConcurrentHashMap.newKeySet();

		Tally() {
			for (RequestKind kind : RequestKind.values()) {
				this.sent.put(kind, new LongAdder());
			}
		}

		void failed(RequestKind kind, String user, String problem) {
			(kind.isAsync() ? this.asyncErrors : this.otherErrors).increment();
			if (this.errorSamples.size() < MAX_ERROR_SAMPLES) {
				this.errorSamples.add(kind.label() + " " + user + ": " + problem);
			}
		}

		Map<RequestKind, Long> sentByKind() {
			Map<RequestKind, Long> counts = new EnumMap<>(RequestKind.class);
			this.sent.forEach((kind, count) -> counts.put(kind, count.sum()));
			return counts;
		}

	}

}
