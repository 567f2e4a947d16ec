package dev.threadlocal.harness;

import java.util.concurrent.atomic.LongAdder;

import dev.threadlocal.ThreadLocalVars;

import org.springframework.stereotype.Component;

/**
 * Singleton that counts beans, throwing requests, {@code @Async} tasks and the leaks they
 * saw, for {@code /harness/summary}.
 *
 * @since 0.1.0
 */
@Component
public class HarnessCounters {

	private final ThreadLocalVars vars;

	private final LongAdder beansCreated = new LongAdder();

	private final LongAdder beansDestroyed = new LongAdder();

	private final LongAdder throwingRequests = new LongAdder();

	private final LongAdder leaksSeenByThrowingRequests = new LongAdder();

	private final LongAdder asyncTasks = new LongAdder();

	private final LongAdder leaksSeenByAsyncTasks = new LongAdder();

	private final LongAdder leakySightings = new LongAdder();

	public HarnessCounters(ThreadLocalVars vars) {
		this.vars = vars;
	}

	void beanCreated() {
		this.beansCreated.increment();
	}

	void beanDestroyed() {
		this.beansDestroyed.increment();
	}

	void throwingRequest(boolean leakSeen) {
		count(this.throwingRequests, this.leaksSeenByThrowingRequests, leakSeen);
	}

	void asyncTask(boolean leakSeen) {
		count(this.asyncTasks, this.leaksSeenByAsyncTasks, leakSeen);
	}

	void sighting(boolean leakSeen) {
		if (leakSeen) {
			this.leakySightings.increment();
		}
	}

	ServerCounters snapshot() {
		return new ServerCounters(this.beansCreated.sum(), this.beansDestroyed.sum(), this.throwingRequests.sum(),
				this.leaksSeenByThrowingRequests.sum(), this.asyncTasks.sum(), this.leaksSeenByAsyncTasks.sum(),
				this.leakySightings.sum(), this.vars.getLeaksDetected());
	}

	private static void count(LongAdder total, LongAdder leaks, boolean leakSeen) {
		total.increment();
		if (leakSeen) {
			leaks.increment();
		}
	}

}
