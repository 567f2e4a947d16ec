package dev.threadlocal.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one harness run saw: the clients' counts and the growth of the server's counters.
 *
 * @param mode the name of the run
 * @param planned how many requests the run was to send
 * @param clients how many clients sent them concurrently
 * @param stoppedByTime whether the time limit stopped the run before it sent them all
 * @param sent how many requests of each kind were sent
 * @param ok how many requests answered 200 with a report of their own user
 * @param thrown how many throwing requests answered 500 as they should
 * @param asyncErrors how many async requests failed
 * @param otherErrors how many other requests failed, or throwing ones in another way
 * @param errorSamples the first few failures
 * @param leakyResponses how many reports showed a leak
 * @param server what the server's counters grew by during the run
 * @param containerThreads how many distinct container threads the reports named
 * @param executorThreads how many distinct executor threads the reports named
 * @param seconds how long the burst took
 * @param settleSeconds how long the server's counters took to settle after the burst
 */
record HarnessRun(String mode, int planned, int clients, boolean stoppedByTime, Map<RequestKind, Long> sent,
		long ok, long thrown, long asyncErrors, long otherErrors, List<String> errorSamples, long leakyResponses,
		ServerCounters server, int containerThreads, int executorThreads, double seconds,
		double settleSeconds) {

	long requests() {
		return this.sent.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return how many requests saw another request's state or lost their own, in their
	 * response or, for throwing requests, on the server.
	 */
	long leaksSeen() {
		return this.leakyResponses + this.server.leaksSeenByThrowingRequests();
	}

	/**
	 * Return how many thread-scoped beans the run would create if every thread started
	 * clean.
	 */
	long beansExpected() {
		return this.sent.entrySet()
			.stream()
			.mapToLong((entry) -> entry.getKey().beansPerRequest() * entry.getValue())
			.sum();
	}

	/**
	 * Assert that every request was answered and that only the throwing requests failed,
	 * each after it reached the server.
	 */
	void assertOnlyThrowingRequestsFailed() {
		assertThat(this.ok + this.thrown + this.asyncErrors + this.otherErrors).as("answered").isEqualTo(requests());
		assertThat(this.asyncErrors + this.otherErrors).as("failures other than throwing requests: %s",
				this.errorSamples)
			.isZero();
		assertThat(this.thrown).as("throwing requests answered 500").isEqualTo(this.sent.get(RequestKind.THROW));
		assertThat(this.server.throwingRequests()).as("throwing requests that reached the server")
			.isEqualTo(this.thrown);
	}

	/**
	 * Return the summary line the harness prints.
	 */
	String summaryLine() {
		return String.format(Locale.ROOT,
				"HARNESS mode=%s requests=%d ok=%d errors={thrown=%d, async=%d, other=%d} leaksSeen=%d "
						+ "residueAtStart=%d beansCreated=%d beansDestroyed=%d seconds=%.1f | planned=%d "
						+ "clients=%d stoppedBy=%s mix=%s leaks={responses=%d, throwing=%d, asyncTasks=%d, "
						+ "serverSightings=%d} asyncTasks=%d beansExpected=%d threads={container=%d, executor=%d} "
						+ "settleSeconds=%.1f",
				this.mode, requests(), this.ok, this.thrown, this.asyncErrors, this.otherErrors, leaksSeen(),
				this.server.residueDetected(), this.server.beansCreated(), this.server.beansDestroyed(), this.seconds,
				this.planned, this.clients, this.stoppedByTime ? "time" : "count", mix(), this.leakyResponses,
				this.server.leaksSeenByThrowingRequests(), this.server.leaksSeenByAsyncTasks(),
				this.server.leakySightings(), this.server.asyncTasks(), beansExpected(), this.containerThreads,
				this.executorThreads, this.settleSeconds);
	}

	private String mix() {
		return this.sent.entrySet()
			.stream()
			.map((entry) -> entry.getKey().label() + "=" + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

}
