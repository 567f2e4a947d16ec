package dev.threadlocal.benchmarks;

/**
 * Small bean whose method each hit-path benchmark calls, directly or through a proxy.
 */
public class Counter {

	private int count;

	/**
	 * Count one call.
	 * @return the number of calls so far
	 */
	public int increment() {
		return ++this.count;
	}

}
