package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.threadlocal.ThreadLocalVarsModelOps.CallbackSpec;
import dev.threadlocal.ThreadLocalVarsModelOps.FactorySpec;
import dev.threadlocal.ThreadLocalVarsModelOps.Generator;
import dev.threadlocal.ThreadLocalVarsModelOps.Op;
import dev.threadlocal.ThreadLocalVarsModelOps.Outcome;
import dev.threadlocal.ThreadLocalVarsModelOps.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Model-based randomized test of {@link ThreadLocalVars} and {@link ThreadLocalVarScope}:
 * random programs of every public operation (with factories and destruction callbacks
 * that run programs of their own, bad input, nested and out-of-order boundaries) run on
 * several threads at once against one instance, each compared after every operation with
 * {@link ThreadLocalVarsModel}: results, values and {@code names()} order, the callbacks
 * that ran and the listener events in order, {@code isInBoundary()}, leak counts, and
 * that nothing of ours stays in the thread's {@code ThreadLocal} map when nothing is
 * held.
 * <p>
 * Each run uses one leak detection mode and strict setting, chosen by its seed. The
 * seed is printed; {@code -Dthreadlocal.model.seed=<seed> -Dthreadlocal.model.runs=1}
 * replays one run, and {@code -Dthreadlocal.model.runs=<n>} makes a long run.
 */
class ThreadLocalVarsModelTests {

	private static final int THREADS = 3;

	private static final int OPERATIONS_PER_THREAD = 40;

	private static final Map<Thread, List<String>> listenerLogs = new ConcurrentHashMap<>();

	private Level savedLevel;

	@BeforeEach
	void silenceExpectedErrors() {
		// callbacks that throw and leaks are the point here: their logging is tested elsewhere
		Logger logger = (Logger) LoggerFactory.getLogger(ThreadLocalVars.class);
		this.savedLevel = logger.getLevel();
		logger.setLevel(Level.OFF);
	}

	@AfterEach
	void restoreLogging() {
		((Logger) LoggerFactory.getLogger(ThreadLocalVars.class)).setLevel(this.savedLevel);
	}

	@Test
	void randomProgramsOnSeveralThreadsMatchTheModel() throws Exception {
		long seed = Long.getLong("threadlocal.model.seed", System.nanoTime());
		int runs = Integer.getInteger("threadlocal.model.runs", 2000);
		System.out.println("MODEL seed=" + seed + " runs=" + runs + " (replay one run: -Dthreadlocal.model.seed="
				+ "<its seed> -Dthreadlocal.model.runs=1)");
		AtomicLong operations = new AtomicLong();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		long start = System.nanoTime();
		try {
			for (int run = 0; run < runs; run++) {
				runOnce(seed + run, executor, operations);
			}
		}
		finally {
			executor.shutdownNow();
		}
		System.out.println("MODEL passed: runs=" + runs + " sequences=" + (runs * THREADS) + " top-level operations="
				+ (runs * THREADS * OPERATIONS_PER_THREAD) + " operations including nested=" + operations.get()
				+ " seconds=" + (System.nanoTime() - start) / 1_000_000_000L);
	}

	private void runOnce(long runSeed, ExecutorService executor, AtomicLong operations) throws Exception {
		LeakDetection mode = LeakDetection.values()[(int) Math.floorMod(runSeed, LeakDetection.values().length)];
		boolean strict = Math.floorMod(runSeed / LeakDetection.values().length, 3) == 0;
		ThreadLocalVars vars = new ThreadLocalVars();
		vars.setLeakDetection(mode);
		vars.setStrict(strict);
		vars.addListener(new LoggingListener());
		ThreadLocalVarScope scope = new ThreadLocalVarScope(vars);
		CountDownLatch ready = new CountDownLatch(THREADS);
		List<Future<Long>> results = new ArrayList<>();
		long modelLeaks = 0;
		List<ThreadLocalVarsModel> models = new ArrayList<>();
		List<Comparison> comparisons = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			List<Op> program = new Generator(runSeed * 31 + thread).program(OPERATIONS_PER_THREAD);
			ThreadLocalVarsModel model = new ThreadLocalVarsModel(mode, strict);
			models.add(model);
			String where = "seed " + runSeed + " (mode " + mode + ", strict " + strict + "), thread " + thread;
			Comparison comparison = new Comparison(vars, scope, model, where);
			comparisons.add(comparison);
			results.add(executor.submit(() -> {
				ready.countDown();
				ready.await(10, TimeUnit.SECONDS);
				return comparison.run(program);
			}));
		}
		for (Future<Long> result : results) {
			operations.addAndGet(result.get(60, TimeUnit.SECONDS));
		}
		for (ThreadLocalVarsModel model : models) {
			modelLeaks += model.leaks;
		}
		for (Comparison comparison : comparisons) {
			modelLeaks += comparison.leaksWhileEnding;
		}
		assertThat(vars.getLeaksDetected()).as("leaks detected, seed %d", runSeed).isEqualTo(modelLeaks);
	}

	/**
	 * Runs one program on one thread against the real variables and the model.
	 */
	private static final class Comparison {

		private final ThreadLocalVars vars;

		private final ThreadLocalVarsModel model;

		private final Real real;

		private final String where;

		/**
		 * Leaks that ending what the program left open found: not part of the model.
		 */
		private long leaksWhileEnding;

		Comparison(ThreadLocalVars vars, ThreadLocalVarScope scope, ThreadLocalVarsModel model, String where) {
			this.vars = vars;
			this.model = model;
			this.real = new Real(vars, scope);
			this.where = where;
		}

		long run(List<Op> program) {
			List<String> realLog = new ArrayList<>();
			listenerLogs.put(Thread.currentThread(), realLog);
			this.real.log = realLog;
			try {
				for (int i = 0; i < program.size(); i++) {
					Op op = program.get(i);
					int realLogStart = realLog.size();
					int modelLogStart = this.model.log.size();
					String realResult = this.real.run(op);
					String modelResult = this.model.run(op);
					String context = this.where + ", operation " + i + " " + op;
					assertThat(realResult).as("result of %s", context).isEqualTo(modelResult);
					assertThat(realLog.subList(realLogStart, realLog.size())).as("events of %s", context)
						.isEqualTo(this.model.log.subList(modelLogStart, this.model.log.size()));
					assertState(context);
				}
				// end what the program left open, as the next unit of work on a pooled thread would
				int endStart = realLog.size();
				// callbacks that these closes run may open boundaries of their own: a few rounds
				for (int round = 0; round < 10 && ThreadLocalMaps.hasEntry(this.vars); round++) {
					try {
						this.real.endAll();
					}
					catch (RuntimeException ex) {
						throw new AssertionError("Ending what " + this.where + " left open failed", ex);
					}
					this.vars.clear();
				}
				assertThat(ThreadLocalMaps.hasEntry(this.vars)).as("entry left at the end of %s", this.where)
					.isFalse();
				this.leaksWhileEnding = realLog.subList(endStart, realLog.size())
					.stream()
					.filter((event) -> event.startsWith("leak "))
					.count();
				return this.real.operations;
			}
			finally {
				listenerLogs.remove(Thread.currentThread());
			}
		}

		private void assertState(String context) {
			boolean attached = ThreadLocalMaps.hasEntry(this.vars);
			assertThat(attached).as("state attached after %s", context).isEqualTo(this.model.holdsAnything());
			if (!attached) {
				return;
			}
			@SuppressWarnings("unchecked")
			ThreadVariables variables = ((ThreadLocal<ThreadVariables>) ReflectionTestUtils.getField(this.vars,
					"variables"))
				.get();
			assertThat(variables).isNotNull();
			List<String> state = new ArrayList<>();
			for (String name : variables.names()) {
				Object value = variables.getValue(name);
				state.add(name + "=" + ((value != null) ? value : ""));
			}
			assertThat(state).as("variables after %s", context).isEqualTo(this.model.state());
			assertThat(variables.boundaryDepth() > 0).as("in boundary after %s", context)
				.isEqualTo(this.model.isInBoundaryNow());
			assertThat(variables.isCreating()).as("creating after %s", context).isFalse();
			assertThat(ReflectionTestUtils.getField(variables, "operations")).as("operations after %s", context)
				.isEqualTo(0);
		}

	}

	/**
	 * Runs operations on the real variables and scope.
	 */
	private static final class Real implements Target {

		private final ThreadLocalVars vars;

		private final ThreadLocalVarScope scope;

		private final List<ThreadLocalVars.Boundary> handles = new ArrayList<>();

		private List<String> log;

		private long operations;

		Real(ThreadLocalVars vars, ThreadLocalVarScope scope) {
			this.vars = vars;
			this.scope = scope;
		}

		@Override
		public String run(Op op) {
			this.operations++;
			try {
				return op.apply(this);
			}
			catch (Throwable ex) {
				return "ex:" + classify(ex);
			}
		}

		private void runBody(List<Op> body) {
			for (Op op : body) {
				String result = run(op);
				this.log.add("r:" + result);
			}
		}

		void endAll() {
			for (int i = 0; i < this.handles.size(); i++) { // callbacks may open more
				this.handles.get(i).close();
			}
		}

		@Override
		public String getOrCreate(String name, FactorySpec factory) {
			return "ok:" + this.vars.getOrCreate(name, (factory != null) ? supplier(name, factory) : null);
		}

		@Override
		public String scopeGet(String name, FactorySpec factory) {
			Supplier<Object> supplier = (factory != null) ? supplier(name, factory) : null;
			ObjectFactory<Object> objectFactory = (supplier != null) ? supplier::get : null;
			return "ok:" + this.scope.get(name, objectFactory);
		}

		private Supplier<Object> supplier(String name, FactorySpec factory) {
			return () -> {
				this.log.add("f:" + name);
				runBody(factory.body());
				if (factory.outcome() == Outcome.NULL) {
					return null;
				}
				if (factory.outcome() == Outcome.UNCHECKED) {
					throw new ModelUncheckedException();
				}
				if (factory.outcome() == Outcome.CHECKED) {
					throw Real.<RuntimeException>sneaky(new ModelCheckedException());
				}
				return factory.value();
			};
		}

		@Override
		public String getRequired(String name) {
			return "ok:" + this.vars.getRequired(name);
		}

		@Override
		public String getRequired(String name, Class<?> type) {
			return "ok:" + this.vars.getRequired(name, type);
		}

		@Override
		public String find(String name) {
			return "ok:" + this.vars.find(name);
		}

		@Override
		public String set(String name, String value) {
			this.vars.set(name, value);
			return "ok";
		}

		@Override
		public String register(String name, CallbackSpec callback) {
			this.vars.registerDestructionCallback(name, (callback != null) ? runnable(callback) : null);
			return "ok";
		}

		private Runnable runnable(CallbackSpec callback) {
			return () -> {
				this.log.add("cb" + callback.id());
				runBody(callback.body());
				if (callback.throwsAfter()) {
					throw new ModelUncheckedException();
				}
			};
		}

		@Override
		public String delete(String name) {
			this.vars.delete(name);
			return "ok";
		}

		@Override
		public String remove(String name) {
			return "ok:" + this.scope.remove(name);
		}

		@Override
		public String clear() {
			this.vars.clear();
			return "ok";
		}

		@Override
		public String names() {
			return "ok:" + this.vars.names();
		}

		@Override
		public String isInBoundary() {
			return "ok:" + this.vars.isInBoundary();
		}

		@Override
		public String open(BoundaryKind kind) {
			this.handles.add(this.vars.openBoundary(kind));
			return "ok";
		}

		@Override
		public String close(int handle) {
			if (this.handles.isEmpty()) {
				return "ok:none";
			}
			this.handles.get(handle % this.handles.size()).close();
			return "ok";
		}

		@Override
		public String runScoped(List<Op> body, boolean throwAfter) {
			this.vars.runScoped(() -> {
				runBody(body);
				if (throwAfter) {
					throw new ModelUncheckedException();
				}
			});
			return "ok";
		}

		@Override
		public String callScoped(List<Op> body, boolean throwAfter) {
			try {
				return "ok:" + this.vars.callScoped(() -> {
					runBody(body);
					if (throwAfter) {
						throw new ModelCheckedException();
					}
					return "called";
				});
			}
			catch (Exception ex) {
				throw Real.<RuntimeException>sneaky(ex);
			}
		}

		@Override
		public String scopeRegister(String name, CallbackSpec callback) {
			this.scope.registerDestructionCallback(name, (callback != null) ? runnable(callback) : null);
			return "ok";
		}

		private static String classify(Throwable ex) {
			StringBuilder result = new StringBuilder(ex.getClass().getSimpleName());
			String message = String.valueOf(ex.getMessage());
			if (ex instanceof IllegalArgumentException) {
				result.append(":arg");
			}
			else if (ex instanceof IllegalStateException && !(ex instanceof MissingThreadLocalVarException)) {
				result.append(message.contains("already being created") ? ":self"
						: message.contains("returned null") ? ":null"
								: message.contains("strict mode") ? ":strict"
										: message.contains("refused to start") ? ":fail"
												: message.contains("is being created") ? ":creating"
														: message.contains("expected to be of type") ? ":type"
																: ":other(" + message + ")");
			}
			for (Throwable suppressed : ex.getSuppressed()) {
				String text = String.valueOf(suppressed.getMessage());
				if (text.startsWith("While creating thread-local variable '")) {
					int from = text.indexOf('\'') + 1;
					result.append("+ctx(").append(text, from, text.indexOf('\'', from)).append(")");
				}
			}
			return result.toString();
		}

		@SuppressWarnings("unchecked")
		private static <E extends Throwable> E sneaky(Throwable failure) throws E {
			throw (E) failure;
		}

	}

	/**
	 * Records listener events in the log of the thread they happen on.
	 */
	private static final class LoggingListener implements ThreadLocalVarsListener {

		@Override
		public void variableCreated(String name) {
			log("created " + name);
		}

		@Override
		public void variableDestroyed(String name) {
			log("destroyed " + name);
		}

		@Override
		public void destructionCallbackFailed(String name, Throwable failure) {
			log("failed " + name);
		}

		@Override
		public void leakDetected(BoundaryKind kind, List<String> names) {
			log("leak " + kind + " " + names);
		}

		@Override
		public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
			log("ended " + kind + " cleared " + variablesCleared);
		}

		private void log(String event) {
			List<String> log = listenerLogs.get(Thread.currentThread());
			if (log == null) {
				fail("Listener called on a thread that runs no program: " + Thread.currentThread());
			}
			log.add(event);
		}

	}

	static final class ModelUncheckedException extends RuntimeException {

		ModelUncheckedException() {
			super("model failure", null, true, false);
		}

	}

	static final class ModelCheckedException extends Exception {

		ModelCheckedException() {
			super("model checked failure", null, true, false);
		}

	}

}
