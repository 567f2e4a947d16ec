package dev.threadlocal.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;

import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsTaskDecorator;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeansException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

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
	void registersTheFilterForEveryDispatcherTypeOutsideSecurityAndRequestContext() {
		this.webContextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = filterRegistration(context);
			assertThat(registration.getFilter()).isInstanceOf(ThreadLocalVarsFilter.class);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.FORWARD, DispatcherType.INCLUDE, DispatcherType.ASYNC, DispatcherType.ERROR)
				.containsExactlyInAnyOrderElementsOf(EnumSet.allOf(DispatcherType.class));
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
	void appliesLeakDetectionAndStrictModeToThreadLocalVars() {
		this.contextRunner.run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			assertThat(vars.getLeakDetection()).isEqualTo(LeakDetection.WARN_AND_CLEAR);
			assertThat(vars.isStrict()).isFalse();
		});
		this.contextRunner.withPropertyValues("thread-local.leak-detection=fail", "thread-local.strict=true")
			.run((context) -> {
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				assertThat(vars.getLeakDetection()).isEqualTo(LeakDetection.FAIL);
				assertThat(vars.isStrict()).isTrue();
			});
	}

	@Test
	void strictModeRejectsAThreadScopedBeanOutsideAnyBoundary() {
		this.contextRunner.withPropertyValues("thread-local.strict=true")
			.withUserConfiguration(UnproxiedThreadScopedBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(BeansException.class).isThrownBy(() -> context.getBean(Buffer.class))
					.havingRootCause()
					.withMessageContaining("'buffer' used outside any boundary")
					.withMessageContaining("runScoped");
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				List<Buffer> created = new CopyOnWriteArrayList<>();
				vars.runScoped(() -> created.add(context.getBean(Buffer.class)));
				assertThat(created).hasSize(1);
			});
	}

	@Test
	void unknownLeakDetectionModeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("thread-local.leak-detection=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("thread-local.leak-detection")
				.hasStackTraceContaining("sometimes");
		});
	}

	@Test
	void failsFastOnASpringBootOlderThan4() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnMissingFilterBean.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("needs Spring Boot 4.0 or later");
			});
	}

	@Test
	void registersTheTaskDecoratorByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVarsTaskDecorator.class));
	}

	@Test
	void taskDecoratorCanBeDisabled() {
		this.contextRunner.withPropertyValues("thread-local.task.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsTaskDecorator.class));
	}

	@Test
	void applicationTaskExecutorRunsTasksInsideABoundaryAlongsideAUserTaskDecorator() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(ContextPropagationConfiguration.class)
			.run((context) -> assertTaskDecoratorsCoexist(context,
					context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class)));
	}

	@Test
	void taskSchedulerRunsTasksInsideABoundaryAlongsideAUserTaskDecorator() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
			.withUserConfiguration(ContextPropagationConfiguration.class, SchedulingConfiguration.class)
			.run((context) -> assertTaskDecoratorsCoexist(context,
					context.getBean("taskScheduler", ThreadPoolTaskScheduler.class)));
	}

	@Test
	void taskExecutorDoesNotClearWhenTaskCleanupIsDisabled() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withPropertyValues("thread-local.task.enabled=false")
			.run((context) -> {
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				Executor executor = context.getBean("applicationTaskExecutor", Executor.class);
				assertThat(runOn(executor, vars::isInBoundary)).isFalse();
			});
	}

	private void assertTaskDecoratorsCoexist(ConfigurableApplicationContext context, Executor executor)
			throws Exception {
		ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
		List<String> destroyed = new CopyOnWriteArrayList<>();
		ContextPropagationConfiguration.TRACE_ID.set("trace-42");
		try {
			String seen = runOn(executor, () -> {
				vars.set("job", "report");
				vars.registerDestructionCallback("job", () -> destroyed.add("job"));
				return ContextPropagationConfiguration.TRACE_ID.get() + " in boundary " + vars.isInBoundary();
			});
			assertThat(seen).isEqualTo("trace-42 in boundary true");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(destroyed).containsExactly("job"));
			assertThat(runOn(executor, () -> vars.getOrCreate("job", () -> "fresh"))).isEqualTo("fresh");
		}
		finally {
			ContextPropagationConfiguration.TRACE_ID.remove();
		}
	}

	private static <T> T runOn(Executor executor, Supplier<T> task) throws Exception {
		return CompletableFuture.supplyAsync(task, executor).get(10, TimeUnit.SECONDS);
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws Exception {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"thread-local.enabled\"", "\"thread-local.filter.enabled\"",
				"\"thread-local.filter.order\"", "\"thread-local.task.enabled\"", "\"thread-local.leak-detection\"",
				"\"thread-local.strict\"", "warn-and-clear", "Whether to enable thread-local variables",
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

	@Configuration(proxyBeanMethods = false)
	static class ContextPropagationConfiguration {

		static final ThreadLocal<String> TRACE_ID = new ThreadLocal<>();

		@Bean
		ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
			ContextRegistry registry = new ContextRegistry();
			registry.registerThreadLocalAccessor("test.trace-id", TRACE_ID);
			return new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().contextRegistry(registry).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

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
