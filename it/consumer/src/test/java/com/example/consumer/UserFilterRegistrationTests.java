package com.example.consumer;

import java.util.List;
import java.util.Map;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own registration of the filter replaces the starter's.
 */
@SpringBootTest
class UserFilterRegistrationTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void userRegistrationReplacesTheStarters() {
		List<String> registrations = this.context.getBeansOfType(FilterRegistrationBean.class)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().getFilter() instanceof ThreadLocalVarsFilter)
			.map(Map.Entry::getKey)
			.toList();
		assertThat(registrations).containsExactly("myThreadLocalVarsFilter");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<ThreadLocalVarsFilter> myThreadLocalVarsFilter(ThreadLocalVars threadLocalVars) {
			FilterRegistrationBean<ThreadLocalVarsFilter> registration = new FilterRegistrationBean<>(
					new ThreadLocalVarsFilter(threadLocalVars));
			registration.setOrder(-200);
			return registration;
		}

	}

}
