package dev.threadlocal.harness;

import dev.threadlocal.ThreadLocalScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Thread-scoped bean owned by the first user that claims it, counting its creation and
 * destruction.
 *
 * @since 0.1.0
 */
@Component
@ThreadLocalScope
public class UserSession {

	/**
	 * Name of the bean (its thread-local variable is the scoped target's name).
	 */
	static final String BEAN_NAME = "userSession";

	private final HarnessCounters counters;

	private @Nullable String owner;

	public UserSession(HarnessCounters counters) {
		this.counters = counters;
	}

	/**
	 * Make the user the owner unless the bean already has one.
	 * @param user the user that claims the bean
	 */
	public void claim(String user) {
		if (this.owner == null) {
			this.owner = user;
		}
	}

	public @Nullable String getOwner() {
		return this.owner;
	}

	@PostConstruct
	void created() {
		this.counters.beanCreated();
	}

	@PreDestroy
	void destroyed() {
		this.counters.beanDestroyed();
	}

}
