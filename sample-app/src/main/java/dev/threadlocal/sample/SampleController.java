package dev.threadlocal.sample;

import java.util.List;

import dev.threadlocal.MissingThreadLocalVarException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that show each request starting with a clean thread, whichever worker serves it.
 *
 * @since 0.1.0
 */
@RestController
public class SampleController {

	private final UserContextService userContextService;

	private final AuditTrail auditTrail;

	private final ScopeStatistics statistics;

	public SampleController(UserContextService userContextService, AuditTrail auditTrail,
			ScopeStatistics statistics) {
		this.userContextService = userContextService;
		this.auditTrail = auditTrail;
		this.statistics = statistics;
	}

	@GetMapping("/hello")
	public Hello hello(@RequestParam String user) {
		boolean sawLeftoverState = currentUserOrNull() != null || !this.auditTrail.isEmpty();
		UserContext context = this.userContextService.signIn(user);
		this.auditTrail.add("said hello to " + context.user());
		return new Hello(currentThread(), context.user(), sawLeftoverState, this.auditTrail.getEntries());
	}

	@GetMapping("/whoami")
	public WhoAmI whoAmI() {
		String user = currentUserOrNull();
		String message = (user != null) ? "user " + user + " was left on this thread by an earlier request"
				: "no user on this thread: the previous request's state was cleared";
		return new WhoAmI(currentThread(), user, message);
	}

	@GetMapping("/signout")
	public SignOut signOut(@RequestParam String user) {
		this.userContextService.signIn(user);
		this.userContextService.signOut();
		this.userContextService.signOut(); // deleting an absent variable does nothing
		return new SignOut(currentThread(), user, currentUserOrNull(), this.auditTrail.getEntries());
	}

	@GetMapping("/stats")
	public Stats stats() {
		return new Stats(this.statistics.getAuditTrailsCreated(), this.statistics.getAuditTrailsDestroyed());
	}

	private @Nullable String currentUserOrNull() {
		try {
			return this.userContextService.currentUser().user();
		}
		catch (MissingThreadLocalVarException ex) {
			return null;
		}
	}

	private static String currentThread() {
		return Thread.currentThread().getName();
	}

	/**
	 * Response of {@code /hello}.
	 *
	 * @param thread the worker thread that served the request
	 * @param user the user signed in by the request
	 * @param sawLeftoverState whether the thread still had a user or audit entries when the
	 * request started
	 * @param auditTrail what the request did
	 */
	public record Hello(String thread, String user, boolean sawLeftoverState, List<String> auditTrail) {

	}

	/**
	 * Response of {@code /whoami}.
	 *
	 * @param thread the worker thread that served the request
	 * @param user the user signed in on the thread, if any
	 * @param message what the user means
	 */
	public record WhoAmI(String thread, @Nullable String user, String message) {

	}

	/**
	 * Response of {@code /signout}.
	 *
	 * @param thread the worker thread that served the request
	 * @param signedIn the user signed in and out again by the request
	 * @param userAfterSignOut the user signed in after signing out, if any
	 * @param auditTrail what the request did
	 */
	public record SignOut(String thread, String signedIn, @Nullable String userAfterSignOut,
			List<String> auditTrail) {

	}

	/**
	 * Response of {@code /stats}.
	 *
	 * @param auditTrailsCreated how many audit trails were created
	 * @param auditTrailsDestroyed how many audit trails were destroyed
	 */
	public record Stats(long auditTrailsCreated, long auditTrailsDestroyed) {

	}

}
