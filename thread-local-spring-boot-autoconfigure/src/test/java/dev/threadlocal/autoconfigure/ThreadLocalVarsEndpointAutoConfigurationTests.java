package dev.threadlocal.autoconfigure;

import java.util.Map;

import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint.ThreadLocalVarsDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsEndpointAutoConfiguration}.
 */
class ThreadLocalVarsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, ThreadLocalVarsEndpointAutoConfiguration.class));

	@Test
	void endpointIsNotAvailableByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarsEndpoint.class);
		});
	}

	@Test
	void endpointIsAvailableWhenExposedOverTheWeb() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=threadlocal")
			.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVarsEndpoint.class));
	}

	@Test
	void endpointIsAvailableWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=threadlocal")
			.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVarsEndpoint.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadlocal",
					"management.endpoint.threadlocal.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsEndpoint.class));
	}

	@Test
	void backsOffWhenTheActuatorIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=threadlocal")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ThreadLocalVars.class);
				assertThat(context).doesNotHaveBean(ThreadLocalVarsEndpoint.class);
			});
	}

	@Test
	void backsOffWhenThreadLocalVariablesAreDisabled() {
		this.contextRunner
			.withPropertyValues("thread-local.enabled=false", "management.endpoints.web.exposure.include=threadlocal")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsEndpoint.class));
	}

	@Test
	void backsOffFromAUserEndpoint() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=threadlocal")
			.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVarsEndpoint.class)
				.getBean(ThreadLocalVarsEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	@Test
	void describesTheConfigurationInEffectAndTheRegisteredScope() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=threadlocal",
					"thread-local.leak-detection=clear", "thread-local.strict=true", "thread-local.filter.order=-200",
					"thread-local.task.enabled=false", "thread-local.metrics.variable-name-tag=true")
			.run((context) -> {
				ThreadLocalVarsDescriptor descriptor = context.getBean(ThreadLocalVarsEndpoint.class)
					.threadLocalVars();
				assertThat(descriptor.leakDetection()).isEqualTo(LeakDetection.CLEAR);
				assertThat(descriptor.strict()).isTrue();
				assertThat(descriptor.settings()).containsExactly(Map.entry("thread-local.filter.enabled", true),
						Map.entry("thread-local.filter.order", -200), Map.entry("thread-local.task.enabled", false),
						Map.entry("thread-local.metrics.enabled", true),
						Map.entry("thread-local.metrics.variable-name-tag", true),
						Map.entry("thread-local.hygiene.enabled", true),
						Map.entry("thread-local.register-as-thread-scope", false));
				assertThat(descriptor.scope().registered()).isTrue();
				assertThat(descriptor.scope().type()).isEqualTo(ThreadLocalVarScope.class.getName());
			});
	}

	@Test
	void countsTheEventsOfTheThreadLocalVarsBean() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=threadlocal")
			.run((context) -> {
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				vars.runScoped(() -> vars.set("user", "alice"));
				ThreadLocalVarsDescriptor descriptor = context.getBean(ThreadLocalVarsEndpoint.class)
					.threadLocalVars();
				assertThat(descriptor.counters().variablesCreated()).isEqualTo(1);
				assertThat(descriptor.counters().boundaries().get("boundary").variablesCleared()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		ThreadLocalVarsEndpoint endpoint;

		@Bean
		ThreadLocalVarsEndpoint userThreadLocalVarsEndpoint(ThreadLocalVars vars,
				ConfigurableListableBeanFactory beanFactory) {
			this.endpoint = new ThreadLocalVarsEndpoint(vars, beanFactory, Map.of());
			return this.endpoint;
		}

	}

}
