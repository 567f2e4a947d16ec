package dev.threadlocal.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsAutoConfiguration}.
 */
class ThreadLocalVarsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class));

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class));

	@Test
	void registersThreadLocalVarsAndTheScopeBackedByThem() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(registeredScope(context).getThreadLocalVars()).isSameAs(context.getBean(ThreadLocalVars.class));
		});
	}

	@Test
	void threadScopedBeanIsStoredInTheThreadLocalVarsBean() {
		this.contextRunner.withUserConfiguration(ThreadScopedBeanConfiguration.class).run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			try {
				Buffer bean = context.getBean("scopedTarget.buffer", Buffer.class);
				assertThat(vars.<Buffer>getRequired("scopedTarget.buffer")).isSameAs(bean);
			}
			finally {
				vars.clear();
			}
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.webContextRunner.withPropertyValues("thread-local.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBeanFactory().getRegisteredScope(ThreadLocalVarScope.SCOPE_NAME)).isNull();
		});
	}

	@Test
	void backsOffFromAUserThreadLocalVarsBeanAndBacksTheScopeWithIt() {
		this.webContextRunner.withUserConfiguration(UserThreadLocalVarsConfiguration.class).run((context) -> {
			ThreadLocalVars userVars = context.getBean(UserThreadLocalVarsConfiguration.class).vars;
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(context.getBean(ThreadLocalVars.class)).isSameAs(userVars);
			assertThat(registeredScope(context).getThreadLocalVars()).isSameAs(userVars);
			userVars.set("user", "alice");
			filterRegistration(context).getFilter().doFilter(new MockHttpServletRequest(),
					new MockHttpServletResponse(), new MockFilterChain());
			assertThat(context.getBean(ThreadLocalVars.class).getOrCreate("user", () -> "cleared")).isEqualTo("cleared");
			userVars.clear();
		});
	}

	@Test
	void registersTheFilterForRequestAsyncAndErrorDispatchesOutsideSecurityAndRequestContext() {
		this.webContextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = filterRegistration(context);
			assertThat(registration.getFilter()).isInstanceOf(ThreadLocalVarsFilter.class);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			assertThat(registration.getOrder()).isEqualTo(ThreadLocalVarsProperties.DEFAULT_FILTER_ORDER)
				.isEqualTo(-110)
				.isLessThan(-105)
				.isLessThan(-100);
		});
	}

	@Test
	void filterOrderCanBeConfigured() {
		this.webContextRunner.withPropertyValues("thread-local.filter.order=-5")
			.run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(-5));
	}

	@Test
	void filterCanBeDisabledWhileTheScopeAndVariablesStay() {
		this.webContextRunner.withPropertyValues("thread-local.filter.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarsFilter.class);
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(registeredScope(context)).isNotNull();
		});
	}

	@Test
	void backsOffFromAUserFilterRegistration() {
		this.webContextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class);
			assertThat(filterRegistration(context).getOrder()).isEqualTo(42);
		});
	}

	@Test
	void registersNoFilterInANonWebApplication() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
		});
	}

	@Test
	void worksWithoutServletAndWebClassesOnTheClasspath() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(OncePerRequestFilter.class, jakarta.servlet.Filter.class,
					FilterRegistrationBean.class))
			.withUserConfiguration(UnproxiedThreadScopedBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				try {
					Buffer buffer = context.getBean(Buffer.class);
					assertThat(vars.<Buffer>getRequired("buffer")).isSameAs(buffer);
				}
				finally {
					vars.clear();
				}
			});
	}

	@Test
	void registersTheWebMvcCallableInterceptorOnlyWithTheFilter() {
		this.webContextRunner.run((context) -> assertThat(context)
			.hasSingleBean(ThreadLocalVarsAutoConfiguration.ThreadLocalVarsWebMvcConfigurer.class));
		this.webContextRunner.withPropertyValues("thread-local.filter.enabled=false")
			.run((context) -> assertThat(context)
				.doesNotHaveBean(ThreadLocalVarsAutoConfiguration.ThreadLocalVarsWebMvcConfigurer.class));
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws Exception {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"thread-local.enabled\"", "\"thread-local.filter.enabled\"",
				"\"thread-local.filter.order\"", "Whether to enable thread-local variables",
				"Whether to clear the thread's variables", "\"defaultValue\": -110");
	}

	private static ThreadLocalVarScope registeredScope(ConfigurableApplicationContext context) {
		return (ThreadLocalVarScope) context.getBeanFactory().getRegisteredScope(ThreadLocalVarScope.SCOPE_NAME);
	}

	private static FilterRegistrationBean<?> filterRegistration(ConfigurableApplicationContext context) {
		return context.getBean(FilterRegistrationBean.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadScopedBeanConfiguration {

		@Bean
		@ThreadLocalScope
		Buffer buffer() {
			return new Buffer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnproxiedThreadScopedBeanConfiguration {

		@Bean
		@ThreadLocalScope(proxyMode = ScopedProxyMode.NO)
		Buffer buffer() {
			return new Buffer();
		}

	}

	static class Buffer {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserThreadLocalVarsConfiguration {

		final ThreadLocalVars vars = new ThreadLocalVars();

		@Bean
		ThreadLocalVars userThreadLocalVars() {
			return this.vars;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<ThreadLocalVarsFilter> userFilter() {
			FilterRegistrationBean<ThreadLocalVarsFilter> registration = new FilterRegistrationBean<>(
					new ThreadLocalVarsFilter(new ThreadLocalVars()));
			registration.setOrder(42);
			return registration;
		}

	}

}
