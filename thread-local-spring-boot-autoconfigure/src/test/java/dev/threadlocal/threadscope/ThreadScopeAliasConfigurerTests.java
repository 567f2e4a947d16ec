package dev.threadlocal.threadscope;

import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadScopeAliasConfigurer;
import dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.beans.factory.config.Scope;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.web.context.request.SessionScope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadScopeAliasConfigurer} and its property.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadScopeAliasConfigurerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class));

	@Test
	void notRegisteredByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadScopeAliasConfigurer.class);
			assertThat(context.getBeanFactory().getRegisteredScope("thread")).isNull();
		});
	}

	@Test
	void registersTheScopeAsThread() {
		this.contextRunner.withPropertyValues("thread-local.register-as-thread-scope=true").run((context) -> {
			Scope scope = context.getBeanFactory().getRegisteredScope("thread");
			assertThat(scope).isInstanceOf(ThreadLocalVarScope.class);
			assertThat(((ThreadLocalVarScope) scope).getThreadLocalVars())
				.isSameAs(context.getBean(ThreadLocalVars.class));
		});
	}

	@Test
	void replacesSimpleThreadScopeRegisteredByACustomScopeConfigurer(CapturedOutput output) {
		this.contextRunner.withPropertyValues("thread-local.register-as-thread-scope=true")
			.withUserConfiguration(SimpleThreadScopeConfiguration.class)
			.run((context) -> {
				assertThat(context.getBeanFactory().getRegisteredScope("thread"))
					.isInstanceOf(ThreadLocalVarScope.class);
				assertThat(output).contains("Replaced Spring's SimpleThreadScope registered as scope 'thread'");
			});
	}

	@Test
	void keepsAnUnknownScopeWithAWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("thread-local.register-as-thread-scope=true")
			.withUserConfiguration(OtherScopeConfiguration.class)
			.run((context) -> {
				assertThat(context.getBeanFactory().getRegisteredScope("thread")).isInstanceOf(SessionScope.class);
				assertThat(output).contains("Scope 'thread' is already registered as "
						+ SessionScope.class.getName() + ": kept it");
			});
	}

	@Test
	void leavesSimpleThreadScopeWhenOff() {
		this.contextRunner.withUserConfiguration(SimpleThreadScopeConfiguration.class)
			.run((context) -> assertThat(context.getBeanFactory().getRegisteredScope("thread"))
				.isInstanceOf(SimpleThreadScope.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class SimpleThreadScopeConfiguration {

		@Bean
		static CustomScopeConfigurer threadScopeConfigurer() {
			CustomScopeConfigurer configurer = new CustomScopeConfigurer();
			configurer.addScope("thread", new SimpleThreadScope());
			return configurer;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherScopeConfiguration {

		@Bean
		static CustomScopeConfigurer threadScopeConfigurer() {
			CustomScopeConfigurer configurer = new CustomScopeConfigurer();
			configurer.addScope("thread", new SessionScope());
			return configurer;
		}

	}

}
