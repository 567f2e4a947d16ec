package dev.threadlocal.autoconfigure;

import dev.threadlocal.batch.ThreadLocalVarsStepPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsBatchAutoConfiguration}.
 */
class ThreadLocalVarsBatchAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, ThreadLocalVarsBatchAutoConfiguration.class));

	@Test
	void registersTheStepPostProcessorByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ThreadLocalVarsStepPostProcessor.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.batch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsStepPostProcessor.class));
	}

	@Test
	void backsOffWhenThreadLocalVarsAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsStepPostProcessor.class));
	}

	@Test
	void backsOffWhenSpringBatchIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.batch"))
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarsStepPostProcessor.class));
	}

}
