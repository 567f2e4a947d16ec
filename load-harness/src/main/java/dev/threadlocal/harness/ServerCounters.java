package dev.threadlocal.harness;

/**
 * Counters kept by the server, as {@code /harness/summary} reports them.
 *
 * @param beansCreated how many thread-scoped {@link UserSession} beans were created
 * @param beansDestroyed how many of them were destroyed
 * @param throwingRequests how many requests reached the throwing endpoint
 * @param leaksSeenByThrowingRequests how many of them saw a leak before throwing
 * @param asyncTasks how many {@code @Async} tasks ran
 * @param leaksSeenByAsyncTasks how many of them saw a leak
 * @param leakySightings how many sightings of any kind showed a leak
 * @param residueDetected how many times a request or task boundary began on a thread that
 * still held variables ({@code ThreadLocalVars.getLeaksDetected()})
 * @since 0.1.0
 */
public record ServerCounters(long beansCreated, long beansDestroyed, long throwingRequests,
		long leaksSeenByThrowingRequests, long asyncTasks, long leaksSeenByAsyncTasks, long leakySightings,
		long residueDetected) {

	/**
	 * Return what the counters grew by since an earlier snapshot.
	 * @param earlier the earlier snapshot
	 * @return the difference
	 */
	public ServerCounters since(ServerCounters earlier) {
		return new ServerCounters(this.beansCreated - earlier.beansCreated,
				this.beansDestroyed - earlier.beansDestroyed, this.throwingRequests - earlier.throwingRequests,
				this.leaksSeenByThrowingRequests - earlier.leaksSeenByThrowingRequests,
				this.asyncTasks - earlier.asyncTasks, this.leaksSeenByAsyncTasks - earlier.leaksSeenByAsyncTasks,
				this.leakySightings - earlier.leakySightings, this.residueDetected - earlier.residueDetected);
	}

}
