package dev.threadlocal.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs a request that touches no thread-local state through a {@link MockFilterChain},
 * with and without the starter's filter in front, to show what the filter alone costs and
 * how much of it is {@link OncePerRequestFilter}'s and how much the boundary's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FilterOverheadBenchmarks {

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final RequestDataServlet servlet = new RequestDataServlet();

	private final MockFilterChain chain = new MockFilterChain(this.servlet);

	private final ThreadLocalVars threadLocalVars = new ThreadLocalVars();

	private final ThreadLocalVarsFilter threadLocalVarsFilter = new ThreadLocalVarsFilter(this.threadLocalVars);

	private final OncePerRequestFilter noOpFilter = new NoOpFilter();

	/**
	 * The request through the chain alone.
	 */
	@Benchmark
	public long bareChain() throws Exception {
		try {
			this.chain.doFilter(this.request, this.response);
		}
		finally {
			this.chain.reset();
		}
		return this.servlet.getUses();
	}

	/**
	 * The request through a {@link OncePerRequestFilter} that does nothing itself, and then
	 * the chain.
	 */
	@Benchmark
	public long noOpOncePerRequestFilter() throws Exception {
		try {
			this.noOpFilter.doFilter(this.request, this.response, this.chain);
		}
		finally {
			this.chain.reset();
		}
		return this.servlet.getUses();
	}

	/**
	 * The request through the chain inside a request boundary, opened and closed as the
	 * starter's filter does.
	 */
	@Benchmark
	public long requestBoundaryOnly() throws Exception {
		try (ThreadLocalVars.Boundary boundary = this.threadLocalVars.openBoundary(BoundaryKind.REQUEST)) {
			this.chain.doFilter(this.request, this.response);
		}
		finally {
			this.chain.reset();
		}
		return this.servlet.getUses();
	}

	/**
	 * The request through the starter's filter and then the chain.
	 */
	@Benchmark
	public long threadLocalVarsFilterNoTouch() throws Exception {
		try {
			this.threadLocalVarsFilter.doFilter(this.request, this.response, this.chain);
		}
		finally {
			this.chain.reset();
		}
		return this.servlet.getUses();
	}

	/**
	 * {@link OncePerRequestFilter} that only passes the request on, configured like the
	 * starter's filter.
	 */
	private static final class NoOpFilter extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return false;
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
				FilterChain filterChain) throws ServletException, IOException {
			filterChain.doFilter(request, response);
		}

	}

}
