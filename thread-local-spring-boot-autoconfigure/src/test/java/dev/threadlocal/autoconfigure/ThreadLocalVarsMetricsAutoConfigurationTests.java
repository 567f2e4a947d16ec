package dev.threadlocal.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.metrics.ThreadLocalVarsMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsMetricsAutoConfiguration}.
 */
class ThreadLocalVarsMetricsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			ThreadLocalVarsAutoConfiguration.class, ThreadLocalVarsMetricsAutoConfiguration.class,
			MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void recordsMetricsOfTheThreadLocalVarsBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarsMetrics.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			vars.runScoped(() -> {
				vars.set("a", "1");
				vars.set("b", "2");
			});
			assertThat(registry.get(ThreadLocalVarsMetrics.VARIABLES_CREATED).counter().count()).isEqualTo(2);
			assertThat(registry.get(ThreadLocalVarsMetrics.VARIABLES_DESTROYED).counter().count()).isEqualTo(2);
			assertThat(registry.get(ThreadLocalVarsMetrics.BOUNDARY_CLEARED)
				.tag(ThreadLocalVarsMetrics.KIND_TAG, "boundary")
				.summary()
				.totalAmount()).isEqualTo(2);
		});
	}

	@Test
	void backsOffWhenMicrometerIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarsMetrics.class);
		});
	}

	@Test
	void backsOffWhenThereIsNoMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class,
					ThreadLocalVarsMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ThreadLocalVars.class);
				assertThat(context).doesNotHaveBean(ThreadLocalVarsMetrics.class);
			});
	}

	@Test
	void backsOffWhenMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsMetrics.class));
	}

	@Test
	void backsOffWhenThreadLocalVariablesAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsMetrics.class));
	}

	@Test
	void backsOffFromAUserThreadLocalVarsMetricsBean() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarsMetrics.class);
			assertThat(context).getBean(ThreadLocalVarsMetrics.class)
				.isSameAs(context.getBean(UserMetricsConfiguration.class).metrics);
		});
	}

	@Test
	void managementMetricsEnablePropertyTurnsTheMetersOff() {
		this.contextRunner.withPropertyValues("management.metrics.enable.threadlocal=false").run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> vars.set("user", "alice"));
			assertThat(context.getBean(MeterRegistry.class).find(ThreadLocalVarsMetrics.VARIABLES_CREATED).meters())
				.isEmpty();
		});
	}

	@Test
	void configurationMetadataDescribesTheMetricsProperties() throws Exception {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"thread-local.metrics.enabled\"",
				"\"thread-local.metrics.variable-name-tag\"", "Whether to record Micrometer metrics",
				"Whether to tag the variable counters with the variable's name");
	}

	@Test
	void tagsNoVariableNameByDefault() {
		this.contextRunner.run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> vars.set("user", "alice"));
			assertThat(context.getBean(MeterRegistry.class).find(ThreadLocalVarsMetrics.VARIABLES_CREATED)
				.tagKeys(ThreadLocalVarsMetrics.VARIABLE_TAG)
				.counters()).isEmpty();
		});
	}

	@Test
	void tagsTheVariableNameWhenOptedIn() {
		this.contextRunner.withPropertyValues("thread-local.metrics.variable-name-tag=true").run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> vars.set("user", "alice"));
			assertThat(context.getBean(MeterRegistry.class)
				.get(ThreadLocalVarsMetrics.VARIABLES_CREATED)
				.tag(ThreadLocalVarsMetrics.VARIABLE_TAG, "user")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void failingMeterRegistryNeverBreaksARequest() {
		this.webContextRunner.withUserConfiguration(FailingMeterFilterConfiguration.class)
			.withPropertyValues("thread-local.metrics.variable-name-tag=true")
			.run((context) -> {
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				MockHttpServletResponse response = new MockHttpServletResponse();
				HttpServlet servlet = new HttpServlet() {

					@Override
					protected void doGet(HttpServletRequest request, HttpServletResponse response) {
						vars.set("user", "alice");
						vars.registerDestructionCallback("user", () -> {
							throw new IllegalStateException("audit store unavailable");
						});
						response.setStatus(204);
					}

				};
				context.getBean(FilterRegistrationBean.class)
					.getFilter()
					.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain(servlet));
				assertThat(response.getStatus()).isEqualTo(204);
				assertThat(vars.isInBoundary()).isFalse();
				assertThat(context.getBean(FailingMeterFilterConfiguration.class).failures).hasValue(3);
				assertThat(context.getBean(MeterRegistry.class)
					.get(ThreadLocalVarsMetrics.BOUNDARY_CLEARED)
					.tag(ThreadLocalVarsMetrics.KIND_TAG, "request")
					.summary()
					.count()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		final ThreadLocalVarsMetrics metrics = new ThreadLocalVarsMetrics(new ThreadLocalVars());

		@Bean
		ThreadLocalVarsMetrics userThreadLocalVarsMetrics() {
			return this.metrics;
		}

	}

	/**
	 * Makes every registration of a meter tagged with a variable name throw.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FailingMeterFilterConfiguration {

		final AtomicInteger failures = new AtomicInteger();

		@Bean
		MeterFilter failingMeterFilter() {
			return new MeterFilter() {

				@Override
				public Meter.Id map(Meter.Id id) {
					if (id.getTag(ThreadLocalVarsMetrics.VARIABLE_TAG) != null) {
						FailingMeterFilterConfiguration.this.failures.incrementAndGet();
						throw new IllegalStateException("registry unavailable");
					}
					return id;
				}

			};
		}

	}

}
