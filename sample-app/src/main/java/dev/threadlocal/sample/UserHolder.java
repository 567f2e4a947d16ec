package dev.threadlocal.sample;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

/**
 * Thread-scoped bean that holds the user a request signed in, counted when it is created and
 * when its {@code @PreDestroy} method runs.
 *
 * @since 0.1.0
 */
public abstract class UserHolder {

	private final ScopeCounters counters;

	private @Nullable UserContext user;

	private volatile boolean destroyed;

	protected UserHolder(ScopeCounters counters) {
		this.counters = counters;
	}

	@PostConstruct
	void created() {
		this.counters.created();
	}

	@PreDestroy
	void destroyed() {
		this.destroyed = true;
		this.counters.destroyed();
	}

	/**
	 * Return the user signed in on this bean, if any.
	 * @return the user and the request that signed them in, or {@code null}
	 */
	public @Nullable UserContext getUser() {
		return this.user;
	}

	/**
	 * Sign the user in on this bean.
	 * @param user the user and the request that signs them in
	 */
	public void setUser(UserContext user) {
		this.user = user;
	}

	/**
	 * Return whether the {@code @PreDestroy} method of this bean ran.
	 * @return whether the bean was destroyed
	 */
	public boolean isDestroyed() {
		return this.destroyed;
	}

}
