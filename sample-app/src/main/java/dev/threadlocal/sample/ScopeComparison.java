package dev.threadlocal.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.stereotype.Service;

/**
 * Service that signs a user in on a bean of each thread scope and reports what each bean
 * still held from an earlier request on the same worker thread.
 *
 * @since 0.1.0
 */
@Service
public class ScopeComparison {

	private final AtomicLong requestNumbers = new AtomicLong();

	private final Map<String, EarlierVisit> lastVisitByThread = new ConcurrentHashMap<>();

	private final SimpleThreadScopeUserHolder simpleThreadScopeUser;

	private final ThreadLocalScopeUserHolder threadLocalScopeUser;

	private final ComparisonStatistics statistics;

	public ScopeComparison(SimpleThreadScopeUserHolder simpleThreadScopeUser,
			ThreadLocalScopeUserHolder threadLocalScopeUser, ComparisonStatistics statistics) {
		this.simpleThreadScopeUser = simpleThreadScopeUser;
		this.threadLocalScopeUser = threadLocalScopeUser;
		this.statistics = statistics;
	}

	/**
	 * Look at what both beans hold on the current thread, then sign the user in on both.
	 * @param user the name of the user
	 * @return what the request found and did
	 */
	public Visit visit(String user) {
		long request = this.requestNumbers.incrementAndGet();
		String thread = Thread.currentThread().getName();
		EarlierVisit earlier = this.lastVisitByThread.get(thread);
		ScopeOutcome simpleThreadScope = lookAt(this.simpleThreadScopeUser,
				(earlier != null) ? earlier.simpleThreadScopeUser() : null, this.statistics.getSimpleThreadScope());
		ScopeOutcome threadLocalScope = lookAt(this.threadLocalScopeUser,
				(earlier != null) ? earlier.threadLocalScopeUser() : null, this.statistics.getThreadLocalScope());
		UserContext context = new UserContext(user, request);
		this.simpleThreadScopeUser.setUser(context);
		this.threadLocalScopeUser.setUser(context);
		this.lastVisitByThread.put(thread,
				new EarlierVisit(request, target(this.simpleThreadScopeUser), target(this.threadLocalScopeUser)));
		return new Visit(request, user, thread, (earlier != null) ? earlier.request() : null, simpleThreadScope,
				threadLocalScope);
	}

	/**
	 * Return the counters of both scopes.
	 * @return the counters
	 */
	public Stats stats() {
		return new Stats(ScopeStats.of(this.statistics.getSimpleThreadScope()),
				ScopeStats.of(this.statistics.getThreadLocalScope()), this.statistics.getVisitsInProgress());
	}

	private static ScopeOutcome lookAt(UserHolder holder, @Nullable UserHolder earlier, ScopeCounters counters) {
		UserContext found = holder.getUser(); // creates this thread's bean if it has none
		if (found != null) {
			counters.leftoverSeen();
		}
		return new ScopeOutcome(found, found != null, (earlier != null) ? earlier.isDestroyed() : null);
	}

	private static UserHolder target(UserHolder proxy) {
		return (UserHolder) ((ScopedObject) proxy).getTargetObject();
	}

	private record EarlierVisit(long request, UserHolder simpleThreadScopeUser, UserHolder threadLocalScopeUser) {

	}

	/**
	 * What one request found and did on its worker thread.
	 *
	 * @param request the number of the request, counted from 1 since the application started
	 * @param user the user the request signed in
	 * @param thread the worker thread that served the request
	 * @param earlierRequestOnThread the number of the last earlier visit on the same worker
	 * thread, or {@code null} when the thread serves its first visit
	 * @param simpleThreadScope what the bean in Spring's {@code SimpleThreadScope} showed
	 * @param threadLocalScope what the bean in the starter's {@code @ThreadLocalScope} showed
	 */
	public record Visit(long request, String user, String thread, @Nullable Long earlierRequestOnThread,
			ScopeOutcome simpleThreadScope, ScopeOutcome threadLocalScope) {

	}

	/**
	 * What the bean of one scope showed to a request.
	 *
	 * @param foundAtStart the user an earlier request left in the bean, or {@code null} when
	 * the bean held nobody
	 * @param leftover whether the request found an earlier request's user
	 * @param earlierPreDestroyRan whether the {@code @PreDestroy} method of the bean the
	 * earlier visit on this thread used has run, or {@code null} when there was no earlier
	 * visit on this thread
	 */
	public record ScopeOutcome(@Nullable UserContext foundAtStart, boolean leftover,
			@Nullable Boolean earlierPreDestroyRan) {

	}

	/**
	 * Counters of both scopes since the application started.
	 *
	 * @param simpleThreadScope the counters of Spring's {@code SimpleThreadScope}
	 * @param threadLocalScope the counters of the starter's {@code @ThreadLocalScope}
	 * @param visitsInProgress how many visits have not finished yet, cleanup included
	 */
	public record Stats(ScopeStats simpleThreadScope, ScopeStats threadLocalScope, int visitsInProgress) {

	}

	/**
	 * Counters of one scope.
	 *
	 * @param created how many beans were created
	 * @param destroyed how many beans had their {@code @PreDestroy} method run
	 * @param leftoversSeen how many visits found an earlier request's user in the bean
	 */
	public record ScopeStats(long created, long destroyed, long leftoversSeen) {

		static ScopeStats of(ScopeCounters counters) {
			return new ScopeStats(counters.getCreated(), counters.getDestroyed(), counters.getLeftoversSeen());
		}

	}

}
