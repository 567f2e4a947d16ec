package dev.threadlocal.sample;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Singleton that counts how many {@link AuditTrail} instances were created and destroyed.
 *
 * @since 0.1.0
 */
@Component
public class ScopeStatistics {

	private final AtomicLong auditTrailsCreated = new AtomicLong();

	private final AtomicLong auditTrailsDestroyed = new AtomicLong();

	void auditTrailCreated() {
		this.auditTrailsCreated.incrementAndGet();
	}

	void auditTrailDestroyed() {
		this.auditTrailsDestroyed.incrementAndGet();
	}

	public long getAuditTrailsCreated() {
		return this.auditTrailsCreated.get();
	}

	public long getAuditTrailsDestroyed() {
		return this.auditTrailsDestroyed.get();
	}

}
