package dev.threadlocal.war;

import dev.threadlocal.ThreadLocalScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A thread-scoped bean that remembers the first user who touched it and counts its
 * destruction.
 */
@Component
@ThreadLocalScope
public class AuditTrail {

	/**
	 * Name under which the scope stores the bean in {@code ThreadLocalVars}.
	 */
	static final String SCOPED_NAME = "scopedTarget.auditTrail";

	private final BeanCounts counts;

	private @Nullable String owner;

	AuditTrail(BeanCounts counts) {
		this.counts = counts;
	}

	/**
	 * Record the user as the owner unless the bean already has one.
	 * @param user the current request's user
	 * @return the owner
	 */
	public String claim(String user) {
		if (this.owner == null) {
			this.owner = user;
		}
		return this.owner;
	}

	public @Nullable String getOwner() {
		return this.owner;
	}

	@PostConstruct
	void created() {
		this.counts.created.incrementAndGet();
	}

	@PreDestroy
	void destroyed() {
		this.counts.destroyed.incrementAndGet();
	}

}
