package dev.threadlocal.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.support.ErrorPageFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Filters outside the thread-local filter that dispatch once it has returned: Spring Boot's
 * {@link ErrorPageFilter}, registered as in a WAR, and a filter that includes a footer.
 */
@Configuration(proxyBeanMethods = false)
class OuterDispatchFilters {

	@Bean
	FilterRegistrationBean<ErrorPageFilter> errorPageFilter() {
		ErrorPageFilter filter = new ErrorPageFilter();
		filter.addErrorPages(new ErrorPage("/error-page"));
		FilterRegistrationBean<ErrorPageFilter> registration = new FilterRegistrationBean<>(filter);
		// as Spring Boot's ErrorPageFilterConfiguration registers it in a WAR
		registration.setOrder(filter.getOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

	@Bean
	FilterRegistrationBean<Filter> footerFilter() {
		Filter filter = (request, response, chain) -> {
			chain.doFilter(request, response);
			if (request.getParameter("footer") != null) {
				request.getRequestDispatcher("/footer").include(request, response);
			}
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
