package dev.threadlocal.autoconfigure;

import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.hygiene.ExposedTenant;
import dev.threadlocal.hygiene.LocaleContextGuard;
import dev.threadlocal.hygiene.ManagedThreadLocal;
import dev.threadlocal.hygiene.MdcGuard;
import dev.threadlocal.hygiene.RequestAttributesGuard;
import dev.threadlocal.hygiene.SecurityContextGuard;
import dev.threadlocal.hygiene.ThreadLocalsGuard;
import dev.threadlocal.hygiene.ThreadStateGuard;
import dev.threadlocal.hygiene.TransactionSynchronizationGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsHygieneAutoConfiguration}.
 */
class ThreadLocalVarsHygieneAutoConfigurationTests {

	private static final String TENANT = ExposedTenant.class.getName() + ".CURRENT";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, ThreadLocalVarsHygieneAutoConfiguration.class));

	@AfterEach
	void clear() {
		ExposedTenant.CURRENT.remove();
		MDC.clear();
	}

	@Test
	void registersTheDefaultGuards() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ThreadLocalsGuard.class)
			.hasSingleBean(MdcGuard.class)
			.hasSingleBean(SecurityContextGuard.class)
			.hasSingleBean(LocaleContextGuard.class)
			.hasSingleBean(RequestAttributesGuard.class)
			.hasSingleBean(TransactionSynchronizationGuard.class));
	}

	@Test
	void guardsAreHandedToThreadLocalVars() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.thread-locals=" + TENANT,
				"thread-local.hygiene.mdc-keys=user,tenant")
			.run((context) -> {
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				vars.runScoped(() -> {
					ExposedTenant.CURRENT.set("acme");
					MDC.put("user", "nora");
					MDC.put("traceId", "abc");
				});
				assertThat(ExposedTenant.CURRENT.get()).isNull();
				assertThat(MDC.get("user")).isNull();
				assertThat(MDC.get("traceId")).isEqualTo("abc");
				assertThat(vars.getThreadStateLeaksDetected()).isEqualTo(2);
			});
	}

	@Test
	void managedThreadLocalBeansAreGuarded() {
		this.contextRunner.withUserConfiguration(ManagedThreadLocalConfiguration.class).run((context) -> {
			ExposedTenant.CURRENT.set("acme");
			context.getBean(ThreadLocalVars.class).runScoped(() -> assertThat(ExposedTenant.CURRENT.get()).isNull());
		});
	}

	@Test
	void userGuardBeansAreHandedToThreadLocalVarsInOrder() {
		this.contextRunner.withUserConfiguration(UserGuardConfiguration.class).run((context) -> {
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.openBoundary(BoundaryKind.TASK).close();
			assertThat(context.getBean(UserGuardConfiguration.class).checked).isTrue();
		});
	}

	@Test
	void missingClassFailsStartupNamingThePropertyAndTheField() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.thread-locals=com.acme.Missing.CURRENT")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("thread-local.hygiene.thread-locals[0]")
				.hasMessageContaining("Class 'com.acme.Missing' of field 'com.acme.Missing.CURRENT' was not found"));
	}

	@Test
	void missingFieldFailsStartupNamingThePropertyAndTheField() {
		this.contextRunner
			.withPropertyValues("thread-local.hygiene.thread-locals=" + TENANT + "," + ExposedTenant.class.getName() + ".MISSING")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("thread-local.hygiene.thread-locals[1]")
				.hasMessageContaining("has no field 'MISSING'"));
	}

	@Test
	void fieldThatIsNotAThreadLocalFailsStartup() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.thread-locals=java.util.Locale.ROOT")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("thread-local.hygiene.thread-locals[0]")
				.hasMessageContaining("Field 'java.util.Locale.ROOT' is not a ThreadLocal but a java.util.Locale"));
	}

	@Test
	void hygieneDisabledRegistersNoGuardAndHandsNoneToThreadLocalVars() {
		this.contextRunner
			.withPropertyValues("thread-local.hygiene.enabled=false", "thread-local.hygiene.thread-locals=" + TENANT)
			.withUserConfiguration(ManagedThreadLocalConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ThreadStateGuard.class);
				ExposedTenant.CURRENT.set("acme");
				context.getBean(ThreadLocalVars.class)
					.runScoped(() -> assertThat(ExposedTenant.CURRENT.get()).isEqualTo("acme"));
				assertThat(ExposedTenant.CURRENT.get()).isEqualTo("acme");
			});
	}

	@Test
	void threadLocalDisabledRegistersNoGuard() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStateGuard.class));
	}

	@Test
	void securityContextGuardCanBeDisabled() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.security-context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityContextGuard.class)
				.hasSingleBean(LocaleContextGuard.class));
	}

	@Test
	void localeContextGuardCanBeDisabled() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.locale-context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LocaleContextGuard.class)
				.hasSingleBean(RequestAttributesGuard.class));
	}

	@Test
	void requestAttributesGuardCanBeDisabled() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.request-attributes=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestAttributesGuard.class)
				.hasSingleBean(LocaleContextGuard.class));
	}

	@Test
	void transactionSynchronizationGuardCanBeDisabled() {
		this.contextRunner.withPropertyValues("thread-local.hygiene.transaction-synchronization=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TransactionSynchronizationGuard.class)
				.hasSingleBean(LocaleContextGuard.class));
	}

	@Test
	void backsOffFromSecurityContextWhenSpringSecurityIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityContextGuard.class)
				.hasSingleBean(LocaleContextGuard.class));
	}

	@Test
	void backsOffFromTransactionsWhenSpringTxIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TransactionSynchronizationManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TransactionSynchronizationGuard.class));
	}

	@Test
	void backsOffFromRequestAttributesWhenSpringWebIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RequestContextHolder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestAttributesGuard.class));
	}

	@Test
	void backsOffFromMdcWhenSlf4jIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MDC.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MdcGuard.class));
	}

	@Test
	void userGuardOfABuiltInTypeReplacesIt() {
		this.contextRunner.withUserConfiguration(CustomMdcGuardConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(MdcGuard.class).hasBean("customMdcGuard"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ManagedThreadLocalConfiguration {

		@Bean
		ManagedThreadLocal tenant() {
			return ManagedThreadLocal.of("tenant", ExposedTenant.CURRENT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMdcGuardConfiguration {

		@Bean
		MdcGuard customMdcGuard() {
			return new MdcGuard(List.of("custom"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserGuardConfiguration {

		volatile boolean checked;

		@Bean
		ThreadStateGuard userGuard() {
			return new ThreadStateGuard() {

				@Override
				public String getName() {
					return "user";
				}

				@Override
				public boolean isPresent() {
					UserGuardConfiguration.this.checked = true;
					return false;
				}

				@Override
				public List<String> presentKeys() {
					return List.of();
				}

				@Override
				public void clear() {
				}

			};
		}

	}

}
