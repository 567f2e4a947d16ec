package dev.threadlocal.harness;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.stereotype.Component;

/**
 * Singleton that looks at the current thread's user variable and {@link UserSession} bean,
 * sets them for a request and reads them back.
 *
 * @since 0.1.0
 */
@Component
public class UserState {

	/**
	 * Name of the thread-local variable that holds the request's user.
	 */
	static final String USER = "user";

	private static final String SESSION_VARIABLE = ScopedProxyUtils.getTargetBeanName(UserSession.BEAN_NAME);

	private static final int WORK_ROUNDS = 50;

	private final ThreadLocalVars vars;

	private final UserSession session;

	private final HarnessCounters counters;

	public UserState(ThreadLocalVars vars, UserSession session, HarnessCounters counters) {
		this.vars = vars;
		this.session = session;
		this.counters = counters;
	}

	/**
	 * Record what the thread holds, make the user the thread's user and the owner of the
	 * thread's session, do a little work that reads both, then read both back.
	 * @param where the code that looks
	 * @param user the request's user
	 * @return what the code found and read back
	 */
	Sighting enter(String where, String user) {
		String foundUser = peekUser();
		String foundOwner = peekSessionOwner();
		this.vars.set(USER, user);
		this.session.claim(user);
		work();
		return record(new Sighting(where, threadName(), foundUser, foundOwner, peekUser(), peekSessionOwner()), user);
	}

	/**
	 * Record what the thread holds without changing it, for code that runs later in a
	 * request that already entered on this thread.
	 * @param where the code that looks
	 * @param user the request's user
	 * @return what the code found
	 */
	Sighting look(String where, String user) {
		String foundUser = peekUser();
		String foundOwner = peekSessionOwner();
		return record(new Sighting(where, threadName(), foundUser, foundOwner, foundUser, foundOwner), user);
	}

	private Sighting record(Sighting sighting, String user) {
		this.counters.sighting(sighting.isLeakFor(user));
		return sighting;
	}

	private int work() {
		int checksum = 0;
		for (int i = 0; i < WORK_ROUNDS; i++) {
			String user = this.vars.getRequired(USER, String.class);
			String owner = this.session.getOwner();
			checksum = 31 * checksum + user.hashCode() + ((owner != null) ? owner.hashCode() : 0);
		}
		Thread.yield();
		return checksum;
	}

	private static String threadName() {
		return Thread.currentThread().getName();
	}

	private @Nullable String peekUser() {
		Object user = peek(USER);
		return (user != null) ? user.toString() : null;
	}

	private @Nullable String peekSessionOwner() {
		return (peek(SESSION_VARIABLE) instanceof UserSession stored) ? stored.getOwner() : null;
	}

	private @Nullable Object peek(String name) {
		try {
			return this.vars.getRequired(name);
		}
		catch (MissingThreadLocalVarException ex) {
			return null;
		}
	}

}
