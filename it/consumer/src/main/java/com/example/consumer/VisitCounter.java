package com.example.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Counts the {@link Visit} beans created and destroyed.
 */
@Component
public class VisitCounter {

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger destroyed = new AtomicInteger();

	void created() {
		this.created.incrementAndGet();
	}

	void destroyed() {
		this.destroyed.incrementAndGet();
	}

	public int getCreated() {
		return this.created.get();
	}

	public int getDestroyed() {
		return this.destroyed.get();
	}

}
