package dev.threadlocal.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.LeakDetection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.servlet.filter.OrderedFilter;

/**
 * Configuration properties for thread-local variables and the {@code threadlocal} scope.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("thread-local")
public class ThreadLocalVarsProperties {

	/**
	 * Order of the filter by default: outside {@code RequestContextFilter} (-105) and
	 * Spring Security's filter chain (-100), so that it clears after both have finished.
	 */
	public static final int DEFAULT_FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 110;

	/**
	 * Whether to enable thread-local variables, the "threadlocal" scope and the request
	 * filter.
	 */
	private boolean enabled = true;

	/**
	 * What a request, task or boundary does when it begins on a thread that still holds
	 * variables left there by code outside any boundary, and when thread hygiene finds
	 * per-thread state left when it begins or ends ("fail" refuses only at the beginning).
	 */
	private LeakDetection leakDetection = LeakDetection.WARN_AND_CLEAR;

	/**
	 * Whether using a variable or a thread-scoped bean outside any request, task or
	 * explicit boundary throws instead of creating state that nothing will clear.
	 */
	private boolean strict;

	/**
	 * Whether to register the "threadlocal" scope under the name "thread" as well,
	 * replacing a Spring SimpleThreadScope registered there, so that existing
	 * @Scope("thread") beans are destroyed when each request or task ends. Another scope
	 * registered as "thread" is kept, with a warning.
	 */
	private boolean registerAsThreadScope;

	private final Filter filter = new Filter();

	private final Hygiene hygiene = new Hygiene();

	private final Task task = new Task();

	private final Propagation propagation = new Propagation();

	private final Metrics metrics = new Metrics();

	private final Listener listener = new Listener();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LeakDetection getLeakDetection() {
		return this.leakDetection;
	}

	public void setLeakDetection(LeakDetection leakDetection) {
		this.leakDetection = leakDetection;
	}

	public boolean isStrict() {
		return this.strict;
	}

	public void setStrict(boolean strict) {
		this.strict = strict;
	}

	public boolean isRegisterAsThreadScope() {
		return this.registerAsThreadScope;
	}

	public void setRegisterAsThreadScope(boolean registerAsThreadScope) {
		this.registerAsThreadScope = registerAsThreadScope;
	}

	public Hygiene getHygiene() {
		return this.hygiene;
	}

	public Filter getFilter() {
		return this.filter;
	}

	public Task getTask() {
		return this.task;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Listener getListener() {
		return this.listener;
	}

	/**
	 * Request filter properties.
	 *
	 * @since 0.1.0
	 */
	public static class Filter {

		/**
		 * Whether to clear the thread's variables and thread-scoped beans when each
		 * servlet request ends (and, with Spring MVC, on the executor thread after a
		 * controller's Callable).
		 */
		private boolean enabled = true;

		/**
		 * Order of the filter that clears the thread's variables; keep it lower than any
		 * filter that uses thread-scoped state.
		 */
		private int order = DEFAULT_FILTER_ORDER;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * Task properties.
	 *
	 * @since 0.1.0
	 */
	public static class Task {

		/**
		 * Whether to run every task of Spring Boot's auto-configured task executor and
		 * task scheduler (so @Async and @Scheduled methods too) inside a boundary that
		 * clears the thread when the task ends.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Context propagation properties.
	 *
	 * @since 0.1.0
	 */
	public static class Propagation {

		/**
		 * Names of the variables whose values follow work handed to executors that
		 * propagate context (Micrometer context-propagation, for example Spring's
		 * ContextPropagatingTaskDecorator). Nothing is propagated when empty.
		 */
		private List<String> names = new ArrayList<>();

		public List<String> getNames() {
			return this.names;
		}

		public void setNames(List<String> names) {
			this.names = names;
		}

	}

	/**
	 * Metrics properties.
	 *
	 * @since 0.1.0
	 */
	public static class Metrics {

		/**
		 * Whether to record Micrometer metrics of thread-local variables, leaks and
		 * boundaries when a MeterRegistry is available.
		 */
		private boolean enabled = true;

		/**
		 * Whether to tag the variable counters with the variable's name. Names are
		 * user-supplied and may be of high cardinality.
		 */
		private boolean variableNameTag;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isVariableNameTag() {
			return this.variableNameTag;
		}

		public void setVariableNameTag(boolean variableNameTag) {
			this.variableNameTag = variableNameTag;
		}

	}

	/**
	 * Properties of the boundaries around listener methods, messages, events and batch
	 * steps.
	 *
	 * @since 0.1.0
	 */
	public static class Listener {

		private final Kafka kafka = new Kafka();

		private final Rabbit rabbit = new Rabbit();

		private final Jms jms = new Jms();

		private final Pulsar pulsar = new Pulsar();

		private final Event event = new Event();

		private final Batch batch = new Batch();

		private final Stomp stomp = new Stomp();

		public Kafka getKafka() {
			return this.kafka;
		}

		public Rabbit getRabbit() {
			return this.rabbit;
		}

		public Jms getJms() {
			return this.jms;
		}

		public Pulsar getPulsar() {
			return this.pulsar;
		}

		public Event getEvent() {
			return this.event;
		}

		public Batch getBatch() {
			return this.batch;
		}

		public Stomp getStomp() {
			return this.stomp;
		}

		/**
		 * Kafka listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Kafka {

			/**
			 * Whether to run each record or batch of a Spring Kafka listener container inside a
			 * boundary that clears the thread when it ends.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * RabbitMQ listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Rabbit {

			/**
			 * Whether to run each delivery of a Spring AMQP (RabbitMQ) listener container
			 * inside a boundary that clears the thread when it ends, each retry attempt in its
			 * own.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * JMS listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Jms {

			/**
			 * Whether to run each call of a @JmsListener method inside a boundary that clears
			 * the thread when it ends.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * Pulsar listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Pulsar {

			/**
			 * Whether to run each call of a @PulsarListener or @PulsarReader method inside a
			 * boundary that clears the thread when it ends.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * Application event listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Event {

			/**
			 * Whether to run each call of an @EventListener method, also a meta-annotated
			 * one such as @TransactionalEventListener, inside a boundary that clears the
			 * thread when it ends, unless the event was published inside another boundary.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * STOMP messaging properties.
		 *
		 * @since 0.1.0
		 */
		public static class Stomp {

			/**
			 * Whether to run each message that a STOMP client inbound channel
			 * (@EnableWebSocketMessageBroker) hands to a handler inside a boundary that
			 * clears the thread when it ends.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * Spring Batch listener properties.
		 *
		 * @since 0.1.0
		 */
		public static class Batch {

			/**
			 * Whether to run each Spring Batch step inside a boundary that clears the thread
			 * when the step ends.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Thread hygiene properties: per-thread state outside thread-local variables that
	 * every outermost request, task or boundary checks when it starts and ends.
	 *
	 * @since 0.1.0
	 */
	public static class Hygiene {

		/**
		 * Whether outermost boundaries check per-thread state outside thread-local
		 * variables (the guards below and ThreadStateGuard beans), handling state left on
		 * a thread as set by leak-detection.
		 */
		private boolean enabled = true;

		/**
		 * Static ThreadLocal fields of the application to remove at the end of every
		 * outermost boundary and to report when found left on a thread, each as the fully
		 * qualified class name, a dot and the field name, for example
		 * com.acme.TenantContext.CURRENT. Checked at startup.
		 */
		private List<String> threadLocals = new ArrayList<>();

		/**
		 * SLF4J MDC keys to remove at the end of every outermost boundary and to report
		 * when found left on a thread. Other MDC keys are left alone.
		 */
		private List<String> mdcKeys = new ArrayList<>();

		/**
		 * Whether to report (and, depending on leak-detection, clear) an authentication
		 * left in Spring Security's SecurityContextHolder when its strategy is
		 * thread-local.
		 */
		private boolean securityContext = true;

		/**
		 * Whether to report (and, depending on leak-detection, clear) a LocaleContext
		 * left in Spring's LocaleContextHolder.
		 */
		private boolean localeContext = true;

		/**
		 * Whether to report (and, depending on leak-detection, clear) request attributes
		 * left in Spring's RequestContextHolder.
		 */
		private boolean requestAttributes = true;

		/**
		 * Whether to report (and, depending on leak-detection, clear) resources,
		 * synchronizations or a transaction name left in Spring's
		 * TransactionSynchronizationManager.
		 */
		private boolean transactionSynchronization = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getThreadLocals() {
			return this.threadLocals;
		}

		public void setThreadLocals(List<String> threadLocals) {
			this.threadLocals = threadLocals;
		}

		public List<String> getMdcKeys() {
			return this.mdcKeys;
		}

		public void setMdcKeys(List<String> mdcKeys) {
			this.mdcKeys = mdcKeys;
		}

		public boolean isSecurityContext() {
			return this.securityContext;
		}

		public void setSecurityContext(boolean securityContext) {
			this.securityContext = securityContext;
		}

		public boolean isLocaleContext() {
			return this.localeContext;
		}

		public void setLocaleContext(boolean localeContext) {
			this.localeContext = localeContext;
		}

		public boolean isRequestAttributes() {
			return this.requestAttributes;
		}

		public void setRequestAttributes(boolean requestAttributes) {
			this.requestAttributes = requestAttributes;
		}

		public boolean isTransactionSynchronization() {
			return this.transactionSynchronization;
		}

		public void setTransactionSynchronization(boolean transactionSynchronization) {
			this.transactionSynchronization = transactionSynchronization;
		}

	}

}
