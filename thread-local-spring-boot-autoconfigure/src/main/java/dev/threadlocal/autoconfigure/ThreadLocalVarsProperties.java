package dev.threadlocal.autoconfigure;

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

	private final Filter filter = new Filter();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Filter getFilter() {
		return this.filter;
	}

	/**
	 * Request filter properties.
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

}
