package dev.threadlocal.web;

import java.io.IOException;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filter that clears the thread's {@link ThreadLocalVars} (variables and
 * thread-scoped beans) when a request ends, whichever way it ends.
 * <p>
 * Each request runs inside a {@link BoundaryKind#REQUEST request boundary}, so variables
 * left on the thread by code outside any boundary are detected when the request begins.
 * <p>
 * Register it for every dispatcher type (request, forward, include, async and error), as
 * the auto-configuration does. A nested dispatch on the same thread (forward, include, an
 * error dispatch inside the request) does not clear: only the outermost invocation does, so
 * a forward still sees what was set before it. A forward or include that a filter outside
 * this one starts after this filter returned is a unit of work of its own, cleared when it
 * ends: in a WAR, Spring Boot's {@code ErrorPageFilter} renders error pages by such a
 * forward, after the failed request was cleared. When the request goes async, the container
 * thread is cleared as soon as the chain returns.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsFilter extends OncePerRequestFilter {

	private final ThreadLocalVars threadLocalVars;

	private volatile @Nullable String alreadyFilteredAttributeName;

	/**
	 * Create a filter that clears the given variables.
	 * @param threadLocalVars the variables to clear at the end of each request
	 */
	public ThreadLocalVarsFilter(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	/**
	 * Compute the attribute name once instead of concatenating it on every request.
	 */
	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		if (name == null) {
			name = super.getAlreadyFilteredAttributeName();
			this.alreadyFilteredAttributeName = name;
		}
		return name;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		try (ThreadLocalVars.Boundary boundary = this.threadLocalVars.openBoundary(BoundaryKind.REQUEST)) {
			filterChain.doFilter(request, response);
		}
	}

}
