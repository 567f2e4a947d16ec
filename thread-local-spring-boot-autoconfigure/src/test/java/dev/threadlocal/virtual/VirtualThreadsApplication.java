package dev.threadlocal.virtual;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with {@code @Async} and {@code @Scheduled} work that reports the
 * thread-local state each unit of work finds and leaves, and the kind of thread it ran on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@EnableScheduling
@Import({ VirtualThreadsApplication.BeanCounts.class, VirtualThreadsApplication.RequestBean.class,
		VirtualThreadsApplication.TaskBean.class, VirtualThreadsApplication.ScheduledBean.class,
		VirtualThreadsApplication.StateProbe.class, VirtualThreadsApplication.AsyncWorker.class,
		VirtualThreadsApplication.FixedDelayWorker.class, VirtualThreadsApplication.FixedRateWorker.class,
		VirtualThreadsApplication.StateController.class })
class VirtualThreadsApplication {

	static final String USER = "user";

	static final String REQUEST_BEAN = "requestBean";

	static final String TASK_BEAN = "taskBean";

	static final String SCHEDULED_BEAN = "scheduledBean";

	private static final List<String> BEANS = List.of(REQUEST_BEAN, TASK_BEAN, SCHEDULED_BEAN);

	private static final Method IS_VIRTUAL = ReflectionUtils.findMethod(Thread.class, "isVirtual");

	/**
	 * Return whether the thread is virtual, calling {@code Thread.isVirtual()} (Java 21)
	 * by reflection because the tests are compiled for Java 17.
	 * @param thread the thread
	 * @return whether the thread is virtual
	 */
	static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			throw new IllegalStateException("Thread.isVirtual() needs Java 21 or later, running on Java "
					+ Runtime.version());
		}
		return (boolean) ReflectionUtils.invokeMethod(IS_VIRTUAL, thread);
	}

	/**
	 * Counts, per kind of thread-scoped bean, the beans created and how often each bean was
	 * destroyed.
	 */
	@Component
	static class BeanCounts {

		private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> destroyed = new ConcurrentHashMap<>();

		private final Map<Integer, AtomicInteger> destructionsById = new ConcurrentHashMap<>();

		void created(String kind) {
			this.created.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
		}

		void destroyed(String kind, int id) {
			this.destroyed.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
			this.destructionsById.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		}

		int createdCount(String kind) {
			AtomicInteger count = this.created.get(kind);
			return (count != null) ? count.get() : 0;
		}

		int destroyedCount(String kind) {
			AtomicInteger count = this.destroyed.get(kind);
			return (count != null) ? count.get() : 0;
		}

		int destructionsOf(int id) {
			AtomicInteger count = this.destructionsById.get(id);
			return (count != null) ? count.get() : 0;
		}

	}

	/**
	 * A thread-scoped bean with a unique id that counts its creation and destruction
	 * under its kind.
	 */
	abstract static class CountedBean {

		private static final AtomicInteger ids = new AtomicInteger();

		private final BeanCounts counts;

		private final String kind;

		private final int id = ids.incrementAndGet();

		CountedBean(BeanCounts counts, String kind) {
			this.counts = counts;
			this.kind = kind;
		}

		int getId() {
			return this.id;
		}

		@PostConstruct
		void created() {
			this.counts.created(this.kind);
		}

		@PreDestroy
		void destroyed() {
			this.counts.destroyed(this.kind, this.id);
		}

	}

	/**
	 * The thread-scoped bean that requests use.
	 */
	@Component(REQUEST_BEAN)
	@ThreadLocalScope
	static class RequestBean extends CountedBean {

		RequestBean(BeanCounts counts) {
			super(counts, REQUEST_BEAN);
		}

	}

	/**
	 * The thread-scoped bean that {@code @Async} tasks use.
	 */
	@Component(TASK_BEAN)
	@ThreadLocalScope
	static class TaskBean extends CountedBean {

		TaskBean(BeanCounts counts) {
			super(counts, TASK_BEAN);
		}

	}

	/**
	 * The thread-scoped bean that the {@code @Scheduled} task uses.
	 */
	@Component(SCHEDULED_BEAN)
	@ThreadLocalScope
	static class ScheduledBean extends CountedBean {

		ScheduledBean(BeanCounts counts) {
			super(counts, SCHEDULED_BEAN);
		}

	}

	/**
	 * Uses and observes the current thread's state without creating any.
	 */
	@Component
	static class StateProbe {

		private final ThreadLocalVars vars;

		StateProbe(ThreadLocalVars vars) {
			this.vars = vars;
		}

		void use(String user, CountedBean bean) {
			this.vars.set(USER, user);
			bean.getId();
		}

		Map<String, Object> observe() {
			Thread thread = Thread.currentThread();
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("thread", thread.getName());
			state.put("virtual", isVirtual(thread));
			state.put("boundary", this.vars.isInBoundary());
			state.put(USER, valueOrNull(USER));
			for (String bean : BEANS) {
				Object target = valueOrNull("scopedTarget." + bean);
				state.put(bean, (target != null) ? ((CountedBean) target).getId() : null);
			}
			return state;
		}

		private Object valueOrNull(String name) {
			try {
				return this.vars.getRequired(name);
			}
			catch (MissingThreadLocalVarException ex) {
				return null;
			}
		}

	}

	/**
	 * Runs {@code @Async} work that reports what it found and left on its thread.
	 */
	@Component
	static class AsyncWorker {

		private final StateProbe probe;

		private final TaskBean taskBean;

		AsyncWorker(StateProbe probe, TaskBean taskBean) {
			this.probe = probe;
			this.taskBean = taskBean;
		}

		@Async
		public CompletableFuture<Map<String, Object>> work(String user) {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("before", this.probe.observe());
			this.probe.use(user, this.taskBean);
			state.put("after", this.probe.observe());
			return CompletableFuture.completedFuture(state);
		}

	}

	/**
	 * Records what the first runs of a short {@code @Scheduled} task found and left on
	 * their thread.
	 */
	abstract static class ScheduledRecorder {

		static final int RECORDED_RUNS = 5;

		private final StateProbe probe;

		private final ScheduledBean scheduledBean;

		private final AtomicInteger runs = new AtomicInteger();

		private final List<Map<String, Object>> recorded = new CopyOnWriteArrayList<>();

		ScheduledRecorder(StateProbe probe, ScheduledBean scheduledBean) {
			this.probe = probe;
			this.scheduledBean = scheduledBean;
		}

		void record() {
			int run = this.runs.incrementAndGet();
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("run", run);
			state.put("before", this.probe.observe());
			this.probe.use("run-" + run, this.scheduledBean);
			state.put("after", this.probe.observe());
			if (run <= RECORDED_RUNS) {
				this.recorded.add(state);
			}
		}

		List<Map<String, Object>> getRecorded() {
			return this.recorded;
		}

	}

	/**
	 * A fixed-delay {@code @Scheduled} task, which {@code SimpleAsyncTaskScheduler} runs on
	 * its own scheduler thread.
	 */
	@Component
	static class FixedDelayWorker extends ScheduledRecorder {

		FixedDelayWorker(StateProbe probe, ScheduledBean scheduledBean) {
			super(probe, scheduledBean);
		}

		@Scheduled(fixedDelay = 50, timeUnit = TimeUnit.MILLISECONDS)
		void run() {
			record();
		}

	}

	/**
	 * A fixed-rate {@code @Scheduled} task, which {@code SimpleAsyncTaskScheduler} runs on
	 * a new thread each time.
	 */
	@Component
	static class FixedRateWorker extends ScheduledRecorder {

		FixedRateWorker(StateProbe probe, ScheduledBean scheduledBean) {
			super(probe, scheduledBean);
		}

		@Scheduled(fixedRate = 50, timeUnit = TimeUnit.MILLISECONDS)
		void run() {
			record();
		}

	}

	/**
	 * Serves requests that use and report thread-local state, alone or around an
	 * {@code @Async} call.
	 */
	@RestController
	static class StateController {

		private final StateProbe probe;

		private final RequestBean requestBean;

		private final AsyncWorker asyncWorker;

		StateController(StateProbe probe, RequestBean requestBean, AsyncWorker asyncWorker) {
			this.probe = probe;
			this.requestBean = requestBean;
			this.asyncWorker = asyncWorker;
		}

		@GetMapping("/state")
		Map<String, Object> state() {
			return this.probe.observe();
		}

		@GetMapping("/set")
		Map<String, Object> set(@RequestParam String user) {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("before", this.probe.observe());
			this.probe.use(user, this.requestBean);
			state.put("after", this.probe.observe());
			return state;
		}

		@GetMapping("/async")
		Map<String, Object> async(@RequestParam String user) throws Exception {
			Map<String, Object> state = new LinkedHashMap<>();
			this.probe.use(user, this.requestBean);
			state.put("requestBefore", this.probe.observe());
			state.put("task", this.asyncWorker.work(user + " in task").get(10, TimeUnit.SECONDS));
			state.put("requestAfter", this.probe.observe());
			return state;
		}

	}

}
