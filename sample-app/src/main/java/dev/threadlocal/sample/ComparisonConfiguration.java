package dev.threadlocal.sample;

import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.core.Ordered;

/**
 * Configuration of the scope comparison: Spring's own thread scope, registered the way
 * applications do it today, next to the starter's.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class ComparisonConfiguration {

	/**
	 * Name under which Spring's {@link SimpleThreadScope} is registered.
	 */
	public static final String SPRING_THREAD_SCOPE_NAME = "thread";

	/**
	 * Register Spring's {@link SimpleThreadScope} as {@code thread}: Spring never does it by
	 * itself.
	 * @return the configurer that registers the scope
	 */
	@Bean
	static CustomScopeConfigurer springThreadScope() {
		CustomScopeConfigurer configurer = new CustomScopeConfigurer();
		configurer.addScope(SPRING_THREAD_SCOPE_NAME, new SimpleThreadScope());
		return configurer;
	}

	/**
	 * Register the filter that counts visits in progress outside every other filter, so that a
	 * visit only ends once the starter's filter has cleared its thread.
	 * @param statistics the counters of the comparison
	 * @return the registration of the filter
	 */
	@Bean
	FilterRegistrationBean<VisitsInProgressFilter> visitsInProgressFilter(ComparisonStatistics statistics) {
		FilterRegistrationBean<VisitsInProgressFilter> registration = new FilterRegistrationBean<>(
				new VisitsInProgressFilter(statistics));
		registration.addUrlPatterns(ScopeComparisonController.VISIT_PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
