package dev.threadlocal.kafka;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NamedThreadLocal;

/**
 * The listener boundary open on each consumer thread, between the interceptor callback that
 * opens it and the one that closes it.
 */
final class ListenerBoundaries {

	private static final Log logger = LogFactory.getLog(ListenerBoundaries.class);

	private final ThreadLocalVars threadLocalVars;

	private final ThreadLocal<ThreadLocalVars.Boundary> open;

	ListenerBoundaries(ThreadLocalVars threadLocalVars, String name) {
		this.threadLocalVars = threadLocalVars;
		this.open = new NamedThreadLocal<>(name);
	}

	/**
	 * Open a boundary for the next unit of work, first closing one that a skipped callback
	 * left open.
	 * @throws IllegalStateException if the thread held leaked variables and the leak
	 * detection mode is {@code FAIL}
	 */
	void open() {
		close();
		this.open.set(this.threadLocalVars.openBoundary(BoundaryKind.LISTENER));
	}

	/**
	 * Close the boundary open on this thread, if any. Never throws.
	 */
	void close() {
		ThreadLocalVars.Boundary boundary = this.open.get();
		this.open.remove(); // also the empty entry that get() adds when nothing is open
		if (boundary == null) {
			return;
		}
		try {
			boundary.close();
		}
		catch (RuntimeException ex) {
			logger.error("Could not end the listener boundary on thread '" + Thread.currentThread().getName() + "'",
					ex);
		}
	}

}
