package dev.threadlocal.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.threadlocal.ThreadLocalVars;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Calls a small bean's method on the current thread's instance, which already exists,
 * through each way of reaching it: plain and {@code ThreadLocal} baselines, Spring's
 * thread and request scopes, and the starter's {@code ThreadLocalVars} and scope.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HitPathBenchmarks {

	private static final String VARIABLE_NAME = "counter";

	private static final String THREAD_LOCAL_SCOPED_TARGET = ScopedProxyUtils
		.getTargetBeanName("threadLocalScopedCounter");

	private final ThreadLocal<Counter> threadLocal = new ThreadLocal<>();

	private final ThreadLocal<Map<String, Object>> threadLocalMap = new ThreadLocal<>();

	private final ThreadLocalVars threadLocalVars = new ThreadLocalVars();

	private AnnotationConfigApplicationContext context;

	private Counter simpleThreadScopeProxy;

	private Counter requestScopeProxy;

	private Counter threadLocalScopeProxy;

	private BeanFactory beanFactory;

	/**
	 * Start a context with a bean of each scope, and get their proxies.
	 */
	@Setup
	public void startContext() {
		this.context = BenchmarkContexts.create();
		this.context.register(ThreadScopedCounter.class, RequestScopedCounter.class, ThreadLocalScopedCounter.class);
		this.context.refresh();
		this.simpleThreadScopeProxy = this.context.getBean("threadScopedCounter", Counter.class);
		this.requestScopeProxy = this.context.getBean("requestScopedCounter", Counter.class);
		this.threadLocalScopeProxy = this.context.getBean("threadLocalScopedCounter", Counter.class);
		this.beanFactory = this.context.getBeanFactory();
	}

	/**
	 * Close the context.
	 */
	@TearDown
	public void closeContext() {
		this.context.close();
	}

	@Benchmark
	public int plainCall(PerThread thread) {
		return thread.counter.increment();
	}

	@Benchmark
	public int threadLocalGet(PerThread thread) {
		return this.threadLocal.get().increment();
	}

	@Benchmark
	public int threadLocalMapLookup(PerThread thread) {
		return ((Counter) this.threadLocalMap.get().get(VARIABLE_NAME)).increment();
	}

	@Benchmark
	public int simpleThreadScopeProxy(PerThread thread) {
		return this.simpleThreadScopeProxy.increment();
	}

	@Benchmark
	public int requestScopeProxy(PerThread thread) {
		return this.requestScopeProxy.increment();
	}

	@Benchmark
	public int threadLocalVarsGetRequired(PerThread thread) {
		return this.threadLocalVars.<Counter>getRequired(VARIABLE_NAME).increment();
	}

	@Benchmark
	public int threadLocalVarsGetOrCreate(PerThread thread) {
		return this.threadLocalVars.getOrCreate(VARIABLE_NAME, Counter::new).increment();
	}

	@Benchmark
	public int threadLocalScopeProxy(PerThread thread) {
		return this.threadLocalScopeProxy.increment();
	}

	/**
	 * What the proxy does without the proxy: look the scoped target up in the bean factory.
	 */
	@Benchmark
	public int threadLocalScopeGetBean(PerThread thread) {
		return ((Counter) this.beanFactory.getBean(THREAD_LOCAL_SCOPED_TARGET)).increment();
	}

	@Benchmark
	@Threads(2)
	public int threadLocalGetTwoThreads(PerThread thread) {
		return threadLocalGet(thread);
	}

	@Benchmark
	@Threads(2)
	public int simpleThreadScopeProxyTwoThreads(PerThread thread) {
		return simpleThreadScopeProxy(thread);
	}

	@Benchmark
	@Threads(2)
	public int threadLocalVarsGetRequiredTwoThreads(PerThread thread) {
		return threadLocalVarsGetRequired(thread);
	}

	@Benchmark
	@Threads(2)
	public int threadLocalVarsGetOrCreateTwoThreads(PerThread thread) {
		return threadLocalVarsGetOrCreate(thread);
	}

	@Benchmark
	@Threads(2)
	public int threadLocalScopeProxyTwoThreads(PerThread thread) {
		return threadLocalScopeProxy(thread);
	}

	/**
	 * What each benchmark thread sets up before an iteration so that every lookup hits (its
	 * baseline values, its variable and a bound request); every benchmark takes it so that
	 * this runs on each of its threads.
	 */
	@State(Scope.Thread)
	public static class PerThread {

		final Counter counter = new Counter();

		/**
		 * Give the current thread its values, unless it already has them.
		 * @param benchmarks the shared state whose thread-locals to set
		 */
		@Setup(Level.Iteration)
		public void bind(HitPathBenchmarks benchmarks) {
			if (benchmarks.threadLocal.get() == null) {
				benchmarks.threadLocal.set(new Counter());
			}
			if (benchmarks.threadLocalMap.get() == null) {
				Map<String, Object> map = new HashMap<>();
				map.put(VARIABLE_NAME, new Counter());
				benchmarks.threadLocalMap.set(map);
			}
			benchmarks.threadLocalVars.getOrCreate(VARIABLE_NAME, Counter::new);
			if (RequestContextHolder.getRequestAttributes() == null) {
				RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
			}
		}

		/**
		 * Remove the current thread's values.
		 * @param benchmarks the shared state whose thread-locals to remove
		 */
		@TearDown
		public void unbind(HitPathBenchmarks benchmarks) {
			benchmarks.threadLocal.remove();
			benchmarks.threadLocalMap.remove();
			benchmarks.threadLocalVars.clear();
			RequestContextHolder.resetRequestAttributes();
		}

	}

}
