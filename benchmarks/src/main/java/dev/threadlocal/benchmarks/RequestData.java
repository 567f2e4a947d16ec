package dev.threadlocal.benchmarks;

import jakarta.annotation.PreDestroy;

/**
 * Bean that a request creates on first use and that is destroyed when the request ends.
 */
public class RequestData {

	private int uses;

	private boolean destroyed;

	/**
	 * Use the bean once.
	 * @return the number of uses so far
	 */
	public int use() {
		return ++this.uses;
	}

	/**
	 * Return whether the bean has been destroyed.
	 * @return whether {@link #destroy()} ran
	 */
	public boolean isDestroyed() {
		return this.destroyed;
	}

	/**
	 * Destroy the bean at the end of the request.
	 */
	@PreDestroy
	public void destroy() {
		this.destroyed = true;
	}

}
