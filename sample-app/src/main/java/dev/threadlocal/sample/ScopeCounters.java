package dev.threadlocal.sample;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how many beans of one thread scope were created and destroyed, and how many requests
 * found a bean left on their thread by an earlier request.
 *
 * @since 0.1.0
 */
public class ScopeCounters {

	private final AtomicLong created = new AtomicLong();

	private final AtomicLong destroyed = new AtomicLong();

	private final AtomicLong leftoversSeen = new AtomicLong();

	void created() {
		this.created.incrementAndGet();
	}

	void destroyed() {
		this.destroyed.incrementAndGet();
	}

	void leftoverSeen() {
		this.leftoversSeen.incrementAndGet();
	}

	public long getCreated() {
		return this.created.get();
	}

	public long getDestroyed() {
		return this.destroyed.get();
	}

	public long getLeftoversSeen() {
		return this.leftoversSeen.get();
	}

}
