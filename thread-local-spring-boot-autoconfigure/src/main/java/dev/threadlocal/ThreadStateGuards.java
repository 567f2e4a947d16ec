package dev.threadlocal;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.threadlocal.hygiene.ThreadStateGuard;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Checks the {@link ThreadStateGuard}s of a {@link ThreadLocalVars} at both ends of an
 * outermost boundary and handles what they find as a leak.
 */
final class ThreadStateGuards {

	private static final Log logger = LogFactory.getLog(ThreadStateGuards.class);

	private final ThreadStateGuard[] guards;

	/**
	 * The guards of state the application sets for a unit of work itself: the only ones
	 * that listener, event, step and explicit boundaries check, since those often run
	 * inside framework state that its owner set up around them and will clear (a listener
	 * container's transaction, a {@code @Transactional} method that calls
	 * {@code runScoped}).
	 */
	private final ThreadStateGuard[] clearedAtEndGuards;

	private final LongAdder leaksDetected = new LongAdder();

	ThreadStateGuards(List<ThreadStateGuard> guards) {
		this.guards = guards.toArray(new ThreadStateGuard[0]);
		this.clearedAtEndGuards = guards.stream()
			.filter(ThreadStateGuard::isClearedAtEnd)
			.toArray(ThreadStateGuard[]::new);
	}

	/**
	 * Return the guards that boundaries of the given kind check: all of them for requests
	 * and tasks, which the starter begins before anything else runs on the thread.
	 */
	private ThreadStateGuard[] guardsFor(BoundaryKind kind) {
		return (kind == BoundaryKind.REQUEST || kind == BoundaryKind.TASK) ? this.guards : this.clearedAtEndGuards;
	}

	boolean isEmpty() {
		return this.guards.length == 0;
	}

	long getLeaksDetected() {
		return this.leaksDetected.sum();
	}

	/**
	 * Check the thread as a unit of work starts: state present was left by code outside
	 * any boundary.
	 * @throws IllegalStateException in {@link LeakDetection#FAIL} mode, after clearing
	 */
	void checkAtStart(ThreadLocalVars vars, BoundaryKind kind, LeakDetection mode) {
		if (mode == LeakDetection.OFF) {
			return;
		}
		String failure = null;
		for (ThreadStateGuard guard : guardsFor(kind)) {
			if (isPresent(guard)) {
				String message = leaked(vars, guard, kind, mode, true);
				if (failure == null) {
					failure = message;
				}
			}
		}
		if (failure != null && mode == LeakDetection.FAIL) {
			throw new IllegalStateException(failure + ", and refused to start it (leak detection mode FAIL)");
		}
	}

	/**
	 * Check the thread as a unit of work ends: state present was left by the unit of work
	 * itself. Never throws, in {@link LeakDetection#FAIL} mode neither: the work is done.
	 */
	void checkAtEnd(ThreadLocalVars vars, BoundaryKind kind, LeakDetection mode) {
		for (ThreadStateGuard guard : guardsFor(kind)) {
			if (isPresent(guard)) {
				if (mode != LeakDetection.OFF) {
					leaked(vars, guard, kind, mode, false);
				}
				else if (guard.isClearedAtEnd()) {
					clear(guard);
				}
			}
		}
	}

	private String leaked(ThreadLocalVars vars, ThreadStateGuard guard, BoundaryKind kind, LeakDetection mode,
			boolean atStart) {
		this.leaksDetected.increment();
		String name = guard.getName();
		List<String> keys;
		try {
			keys = List.copyOf(guard.presentKeys());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Thread state guard '" + name + "' failed to name its state; ignoring it", ex);
			keys = List.of();
		}
		List<String> reported = keys;
		vars.notifyListeners((listener) -> listener.threadStateLeaked(kind, name, reported, atStart));
		String kindName = kind.getTagValue();
		String message = (atStart)
				? "Thread state " + name + " " + keys + " was left on " + ThreadDescription.current()
						+ " by code outside any boundary; cleared it before the " + kindName + " started"
				: "Thread state " + name + " " + keys + " was left on " + ThreadDescription.current() + " by the "
						+ kindName + " that just ended; cleared it";
		if ((mode == LeakDetection.WARN_AND_CLEAR || (mode == LeakDetection.FAIL && !atStart))
				&& logger.isWarnEnabled()) {
			logger.warn(message);
		}
		clear(guard);
		return message;
	}

	private static boolean isPresent(ThreadStateGuard guard) {
		try {
			return guard.isPresent();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Thread state guard '" + guard.getName() + "' failed to check the thread; ignoring it", ex);
			return false;
		}
	}

	private static void clear(ThreadStateGuard guard) {
		try {
			guard.clear();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Thread state guard '" + guard.getName() + "' failed to clear the thread; ignoring it", ex);
		}
	}

}
