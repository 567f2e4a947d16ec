package dev.threadlocal.sample;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Filter that counts the comparison's visits in progress, the cleanup of their thread
 * included.
 *
 * @since 0.1.0
 */
public class VisitsInProgressFilter extends OncePerRequestFilter {

	private final ComparisonStatistics statistics;

	public VisitsInProgressFilter(ComparisonStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.statistics.visitStarted();
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.statistics.visitEnded();
		}
	}

}
