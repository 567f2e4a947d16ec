package dev.threadlocal.sample;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Singleton that holds the counters of both thread scopes and the number of visits in
 * progress.
 *
 * @since 0.1.0
 */
@Component
public class ComparisonStatistics {

	private final ScopeCounters simpleThreadScope = new ScopeCounters();

	private final ScopeCounters threadLocalScope = new ScopeCounters();

	private final AtomicInteger visitsInProgress = new AtomicInteger();

	public ScopeCounters getSimpleThreadScope() {
		return this.simpleThreadScope;
	}

	public ScopeCounters getThreadLocalScope() {
		return this.threadLocalScope;
	}

	public int getVisitsInProgress() {
		return this.visitsInProgress.get();
	}

	void visitStarted() {
		this.visitsInProgress.incrementAndGet();
	}

	void visitEnded() {
		this.visitsInProgress.decrementAndGet();
	}

}
