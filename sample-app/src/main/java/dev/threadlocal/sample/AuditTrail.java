package dev.threadlocal.sample;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.ThreadLocalScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * Thread-scoped bean that collects what happened during the current request.
 *
 * @since 0.1.0
 */
@Component
@ThreadLocalScope
public class AuditTrail {

	private final List<String> entries = new ArrayList<>();

	private final ScopeStatistics statistics;

	public AuditTrail(ScopeStatistics statistics) {
		this.statistics = statistics;
	}

	@PostConstruct
	void created() {
		this.statistics.auditTrailCreated();
	}

	@PreDestroy
	void destroyed() {
		this.statistics.auditTrailDestroyed();
	}

	public void add(String entry) {
		this.entries.add(entry);
	}

	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	public List<String> getEntries() {
		return List.copyOf(this.entries);
	}

}
