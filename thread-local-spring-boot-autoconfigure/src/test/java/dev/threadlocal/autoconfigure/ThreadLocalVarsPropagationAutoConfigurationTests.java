package dev.threadlocal.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.propagation.ThreadLocalVarAccessor;
import dev.threadlocal.propagation.ThreadLocalVarAccessorRegistrar;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalVarsPropagationAutoConfiguration}.
 */
class ThreadLocalVarsPropagationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class,
				ThreadLocalVarsPropagationAutoConfiguration.class));

	@Test
	void backsOffWithoutPropagationNames() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVars.class);
			assertThat(context).doesNotHaveBean(ThreadLocalVarAccessorRegistrar.class);
			assertThat(registeredAccessors()).isEmpty();
		});
	}

	@Test
	void backsOffWithAnEmptyNamesProperty() {
		this.contextRunner.withPropertyValues("thread-local.propagation.names=")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalVarAccessorRegistrar.class));
	}

	@Test
	void backsOffWithoutContextPropagationOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ThreadLocalAccessor.class))
			.withPropertyValues("thread-local.propagation.names=tenant")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ThreadLocalVars.class);
				assertThat(context).doesNotHaveBean(ThreadLocalVarAccessorRegistrar.class);
				assertThat(registeredAccessors()).isEmpty();
			});
	}

	@Test
	void backsOffWhenThreadLocalVariablesAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false", "thread-local.propagation.names=tenant")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ThreadLocalVarAccessorRegistrar.class);
				assertThat(registeredAccessors()).isEmpty();
			});
	}

	@Test
	void registersAnAccessorPerNameForTheContextsThreadLocalVars() {
		this.contextRunner.withPropertyValues("thread-local.propagation.names=tenant,user").run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalVarAccessorRegistrar.class);
			List<ThreadLocalVarAccessor> accessors = registeredAccessors();
			assertThat(accessors).extracting(ThreadLocalVarAccessor::key)
				.containsExactly("threadlocal.tenant", "threadlocal.user");
			assertThat(accessors).allSatisfy((accessor) -> assertThat(accessor.getThreadLocalVars())
				.isSameAs(context.getBean(ThreadLocalVars.class)));
		});
	}

	@Test
	void bindsIndexedNames() {
		this.contextRunner.withPropertyValues("thread-local.propagation.names[0]=tenant")
			.run((context) -> assertThat(registeredAccessors()).extracting(ThreadLocalVarAccessor::getName)
				.containsExactly("tenant"));
	}

	@Test
	void unregistersTheAccessorsWhenTheContextCloses() {
		this.contextRunner.withPropertyValues("thread-local.propagation.names=tenant")
			.run((context) -> assertThat(registeredAccessors()).hasSize(1));
		assertThat(registeredAccessors()).isEmpty();
	}

	@Test
	void configurationMetadataDescribesTheNamesProperty() throws Exception {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"thread-local.propagation.names\"",
				"Names of the variables whose values follow work handed to executors");
	}

	private static List<ThreadLocalVarAccessor> registeredAccessors() {
		return ContextRegistry.getInstance()
			.getThreadLocalAccessors()
			.stream()
			.filter(ThreadLocalVarAccessor.class::isInstance)
			.map(ThreadLocalVarAccessor.class::cast)
			.toList();
	}

}
