package dev.threadlocal.war;

import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads and writes the thread-local state of the current thread, and reports it as lines
 * {@code seen <where> thread=<name> user=<user or -> bean=<owner or ->}.
 */
@Component
class State {

	static final String USER = "user";

	/**
	 * Request attribute that carries the lines of the dispatches before an error page.
	 */
	static final String SEEN_ATTRIBUTE = State.class.getName() + ".seen";

	private final ThreadLocalVars vars;

	private final AuditTrail auditTrail;

	State(ThreadLocalVars vars, AuditTrail auditTrail) {
		this.vars = vars;
		this.auditTrail = auditTrail;
	}

	/**
	 * Store the user in a variable and in the thread-scoped bean.
	 */
	void use(String user) {
		this.vars.set(USER, user);
		this.auditTrail.claim(user);
	}

	/**
	 * Describe what the thread holds now, without creating anything.
	 */
	String seen(String where) {
		@Nullable String user = this.vars.find(USER);
		@Nullable AuditTrail bean = this.vars.find(AuditTrail.SCOPED_NAME);
		@Nullable String owner = (bean != null) ? bean.getOwner() : null;
		return "seen " + where + " thread=" + Thread.currentThread().getName() + " user=" + orDash(user) + " bean="
				+ orDash(owner) + "\n";
	}

	/**
	 * Describe what the thread holds now and keep it in the request for later dispatches.
	 */
	String seen(String where, HttpServletRequest request) {
		String line = seen(where);
		Object earlier = request.getAttribute(SEEN_ATTRIBUTE);
		request.setAttribute(SEEN_ATTRIBUTE, ((earlier != null) ? earlier : "") + line);
		return line;
	}

	private static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

}
