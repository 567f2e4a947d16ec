package dev.threadlocal.war;

import java.util.Arrays;
import java.util.EnumSet;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.autoconfigure.ThreadLocalVarsProperties;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the filter for the dispatcher types in {@code war-it.dispatcher-types}, as a
 * user's own registration would, replacing the starter's (for the control run with the
 * registration the starter had before it covered forwards).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("war-it.dispatcher-types")
class DispatcherTypesConfiguration {

	@Bean
	FilterRegistrationBean<ThreadLocalVarsFilter> threadLocalVarsFilter(ThreadLocalVars threadLocalVars,
			@Value("${war-it.dispatcher-types}") DispatcherType[] dispatcherTypes) {
		FilterRegistrationBean<ThreadLocalVarsFilter> registration = new FilterRegistrationBean<>(
				new ThreadLocalVarsFilter(threadLocalVars));
		registration.setDispatcherTypes(EnumSet.copyOf(Arrays.asList(dispatcherTypes)));
		registration.setOrder(ThreadLocalVarsProperties.DEFAULT_FILTER_ORDER);
		return registration;
	}

}
