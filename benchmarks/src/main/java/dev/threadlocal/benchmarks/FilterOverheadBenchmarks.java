package dev.threadlocal.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.hygiene.LocaleContextGuard;
import dev.threadlocal.hygiene.MdcGuard;
import dev.threadlocal.hygiene.RequestAttributesGuard;
import dev.threadlocal.hygiene.ThreadLocalsGuard;
import dev.threadlocal.hygiene.TransactionSynchronizationGuard;
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

	private final ThreadLocalVarsFilter guardedFilter = new ThreadLocalVarsFilter(guardedVars());

	private final OncePerRequestFilter noOpFilter = new NoOpFilter();

	/**
	 * Variables with the thread state guards that the auto-configuration registers by
	 * default in a web application without Spring Security: no thread-locals and no MDC
	 * keys listed, and Spring's locale, request and transaction holders.
	 */
	private static ThreadLocalVars guardedVars() {
		ThreadLocalVars vars = new ThreadLocalVars();
		vars.setGuards(List.of(new ThreadLocalsGuard(List.of()), new MdcGuard(List.of()), new LocaleContextGuard(),
				new RequestAttributesGuard(), new TransactionSynchronizationGuard()));
		return vars;
	}

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
	 * The request through the starter's filter, with the default thread state guards
	 * checking the thread when the request starts and ends, and then the chain.
	 */
	@Benchmark
	public long threadLocalVarsFilterNoTouchDefaultGuards() throws Exception {
		try {
			this.guardedFilter.doFilter(this.request, this.response, this.chain);
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
