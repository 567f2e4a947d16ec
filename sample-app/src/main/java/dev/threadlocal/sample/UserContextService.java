package dev.threadlocal.sample;

import java.util.concurrent.atomic.AtomicLong;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;

import org.springframework.stereotype.Service;

/**
 * Service that keeps the signed-in user of the current thread as a thread-local variable.
 *
 * @since 0.1.0
 */
@Service
public class UserContextService {

	private static final String USER = "user";

	private final AtomicLong requestIds = new AtomicLong();

	private final ThreadLocalVars threadLocalVars;

	private final AuditTrail auditTrail;

	public UserContextService(ThreadLocalVars threadLocalVars, AuditTrail auditTrail) {
		this.threadLocalVars = threadLocalVars;
		this.auditTrail = auditTrail;
	}

	/**
	 * Sign the user in on the current thread, keeping the request id if the same user is
	 * already signed in.
	 * @param user the name of the user
	 * @return the context of the signed-in user
	 */
	public UserContext signIn(String user) {
		UserContext context = this.threadLocalVars.getOrCreate(USER,
				() -> new UserContext(user, this.requestIds.incrementAndGet()));
		if (!context.user().equals(user)) {
			context = new UserContext(user, context.requestId());
			this.threadLocalVars.set(USER, context);
		}
		this.auditTrail.add("signed in " + user + " (request " + context.requestId() + ")");
		return context;
	}

	/**
	 * Return the user signed in on the current thread.
	 * @return the context of the signed-in user
	 * @throws MissingThreadLocalVarException if nobody is signed in on this thread
	 */
	public UserContext currentUser() {
		return this.threadLocalVars.getRequired(USER, UserContext.class);
	}

	/**
	 * Sign out whoever is signed in on the current thread; does nothing if nobody is.
	 */
	public void signOut() {
		this.threadLocalVars.delete(USER);
		this.auditTrail.add("signed out");
	}

}
