package dev.threadlocal.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Runs whole requests through a {@link MockFilterChain} to a servlet that creates and uses
 * {@link #beans} distinct beans, destroyed when the request ends: thread-scoped beans
 * cleared by the starter's filter, against Spring's request scope.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RequestCycleBenchmarks {

	// One state and no dependent one: JMH gives a thread-scoped state that another state
	// takes as a parameter an instance of its own, and so a context of its own.

	private static final String THREAD_LOCAL_SCOPED = "threadLocalScopedData";

	private static final String REQUEST_SCOPED = "requestScopedData";

	/**
	 * How many distinct beans each request creates and uses once.
	 */
	@Param({ "1", "5", "20" })
	public int beans;

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final RequestContextFilter requestContextFilter = new RequestContextFilter();

	private AnnotationConfigApplicationContext context;

	private ThreadLocalVarsFilter threadLocalVarsFilter;

	private RequestDataServlet threadLocalScopeServlet;

	private MockFilterChain threadLocalScopeChain;

	private RequestDataServlet requestScopeServlet;

	private MockFilterChain requestScopeChain;

	/**
	 * Start a context with {@link #beans} thread-scoped and as many request-scoped beans,
	 * and build a chain to a servlet that uses the beans of each scope.
	 */
	@Setup
	public void startContext() {
		this.context = BenchmarkContexts.create();
		for (int i = 0; i < this.beans; i++) {
			this.context.registerBean(THREAD_LOCAL_SCOPED + i, ThreadLocalScopedRequestData.class);
			this.context.registerBean(REQUEST_SCOPED + i, RequestScopedRequestData.class);
		}
		this.context.refresh();
		this.threadLocalVarsFilter = new ThreadLocalVarsFilter(this.context.getBean(ThreadLocalVars.class));
		this.threadLocalScopeServlet = new RequestDataServlet(proxies(THREAD_LOCAL_SCOPED));
		this.threadLocalScopeChain = new MockFilterChain(this.threadLocalScopeServlet);
		this.requestScopeServlet = new RequestDataServlet(proxies(REQUEST_SCOPED));
		this.requestScopeChain = new MockFilterChain(this.requestScopeServlet);
	}

	private RequestData[] proxies(String namePrefix) {
		RequestData[] proxies = new RequestData[this.beans];
		for (int i = 0; i < this.beans; i++) {
			proxies[i] = this.context.getBean(namePrefix + i, RequestData.class);
		}
		return proxies;
	}

	/**
	 * Check that every request created its own beans, then close the context.
	 */
	@TearDown
	public void closeContext() {
		try {
			this.threadLocalScopeServlet.assertEachRequestCreatedItsBeans();
			this.requestScopeServlet.assertEachRequestCreatedItsBeans();
		}
		finally {
			this.context.close();
		}
	}

	/**
	 * A request through the starter's filter, which destroys the thread-scoped beans the
	 * request created.
	 */
	@Benchmark
	public long threadLocalScopeCycle() throws Exception {
		try {
			this.threadLocalVarsFilter.doFilter(this.request, this.response, this.threadLocalScopeChain);
		}
		finally {
			this.threadLocalScopeChain.reset();
		}
		return this.threadLocalScopeServlet.getUses();
	}

	/**
	 * A request with request-scoped beans, bound, completed and reset by hand as
	 * {@code RequestContextFilter} and {@code FrameworkServlet} do; the request's
	 * attributes are cleared after it, as a new request would start without them.
	 */
	@Benchmark
	public long requestScopeCycle() throws Exception {
		ServletRequestAttributes attributes = new ServletRequestAttributes(this.request, this.response);
		RequestContextHolder.setRequestAttributes(attributes);
		try {
			this.requestScopeChain.doFilter(this.request, this.response);
		}
		finally {
			attributes.requestCompleted();
			RequestContextHolder.resetRequestAttributes();
			this.requestScopeChain.reset();
			this.request.clearAttributes();
		}
		return this.requestScopeServlet.getUses();
	}

	/**
	 * A request with request-scoped beans through Spring's {@link RequestContextFilter};
	 * the request's attributes are cleared after it.
	 */
	@Benchmark
	public long requestContextFilterCycle() throws Exception {
		try {
			this.requestContextFilter.doFilter(this.request, this.response, this.requestScopeChain);
		}
		finally {
			this.requestScopeChain.reset();
			this.request.clearAttributes();
		}
		return this.requestScopeServlet.getUses();
	}

}
