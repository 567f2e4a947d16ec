package dev.threadlocal.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalBoundary;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.aop.BoundaryAnnotation;
import dev.threadlocal.aop.ThreadLocalBoundaryPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.annotation.JmsListeners;
import org.springframework.pulsar.annotation.PulsarListener;
import org.springframework.pulsar.annotation.PulsarListeners;
import org.springframework.pulsar.annotation.PulsarReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalBoundaryAutoConfiguration}.
 */
class ThreadLocalBoundaryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, ThreadLocalBoundaryAutoConfiguration.class));

	@Test
	void advisesEventJmsAndPulsarListenerMethodsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ThreadLocalBoundaryPostProcessor.class);
			assertThat(annotationTypes(context)).containsExactlyInAnyOrder(EventListener.class, JmsListener.class,
					JmsListeners.class, PulsarListener.class, PulsarListeners.class, PulsarReader.class);
			assertThat(context.getBean(ThreadLocalBoundaryPostProcessor.class).getAnnotations())
				.allSatisfy((annotation) -> assertThat(annotation.kind())
					.isEqualTo((annotation.type() == EventListener.class) ? BoundaryKind.EVENT : BoundaryKind.LISTENER));
		});
	}

	@Test
	void leavesEventListenersAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.event.enabled=false")
			.run((context) -> assertThat(annotationTypes(context)).doesNotContain(EventListener.class)
				.contains(JmsListener.class, PulsarListener.class));
	}

	@Test
	void leavesJmsListenersAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.jms.enabled=false")
			.run((context) -> assertThat(annotationTypes(context)).doesNotContain(JmsListener.class, JmsListeners.class)
				.contains(EventListener.class, PulsarListener.class));
	}

	@Test
	void leavesPulsarListenersAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.pulsar.enabled=false")
			.run((context) -> assertThat(annotationTypes(context))
				.doesNotContain(PulsarListener.class, PulsarListeners.class, PulsarReader.class)
				.contains(EventListener.class, JmsListener.class));
	}

	@Test
	void backsOffFromJmsWhenSpringJmsIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.jms"))
			.run((context) -> assertThat(annotationTypes(context)).containsExactlyInAnyOrder(EventListener.class,
					PulsarListener.class, PulsarListeners.class, PulsarReader.class));
	}

	@Test
	void backsOffFromPulsarWhenSpringPulsarIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.pulsar"))
			.run((context) -> assertThat(annotationTypes(context)).containsExactlyInAnyOrder(EventListener.class,
					JmsListener.class, JmsListeners.class));
	}

	@Test
	void stillAdvisesThreadLocalBoundaryMethodsWhenEveryListenerIsDisabled() {
		this.contextRunner.withUserConfiguration(BoundaryConfiguration.class)
			.withPropertyValues("thread-local.listener.event.enabled=false", "thread-local.listener.jms.enabled=false",
					"thread-local.listener.pulsar.enabled=false")
			.run((context) -> {
				assertThat(annotationTypes(context)).isEmpty();
				Work work = context.getBean(Work.class);
				assertThat(AopUtils.isCglibProxy(work)).isTrue();
				assertThat(work.inBoundary()).isTrue();
			});
	}

	@Test
	void backsOffWhenThreadLocalVarsAreDisabled() {
		this.contextRunner.withPropertyValues("thread-local.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLocalBoundaryPostProcessor.class)
				.doesNotHaveBean(BoundaryAnnotation.class));
	}

	@Test
	void backsOffWhenTheUserDefinesThePostProcessor() {
		this.contextRunner.withUserConfiguration(UserPostProcessorConfiguration.class)
			.run((context) -> assertThat(context).getBean(ThreadLocalBoundaryPostProcessor.class)
				.isSameAs(context.getBean("userPostProcessor")));
	}

	@Test
	void documentsAnEnabledPropertyPerListenerTechnology() throws IOException {
		String metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (String technology : new String[] { "kafka", "rabbit", "jms", "pulsar", "event", "batch" }) {
			assertThat(metadata).contains("\"thread-local.listener." + technology + ".enabled\"");
		}
		assertThat(metadata).contains("Whether to run each call of a @JmsListener method inside a boundary");
		ThreadLocalVarsProperties.Listener listener = new ThreadLocalVarsProperties().getListener();
		assertThat(List.of(listener.getKafka().isEnabled(), listener.getRabbit().isEnabled(),
				listener.getJms().isEnabled(), listener.getPulsar().isEnabled(), listener.getEvent().isEnabled(),
				listener.getBatch().isEnabled()))
			.containsOnly(true);
	}

	private static Class<?>[] annotationTypes(AssertableApplicationContext context) {
		return context.getBeansOfType(BoundaryAnnotation.class)
			.values()
			.stream()
			.map(BoundaryAnnotation::type)
			.toArray(Class<?>[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	static class BoundaryConfiguration {

		@Bean
		Work work(ThreadLocalVars vars) {
			return new Work(vars);
		}

	}

	static class Work {

		private final ThreadLocalVars vars;

		Work(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@ThreadLocalBoundary
		boolean inBoundary() {
			return this.vars.isInBoundary();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessorConfiguration {

		@Bean
		static ThreadLocalBoundaryPostProcessor userPostProcessor() {
			return new ThreadLocalBoundaryPostProcessor(ThreadLocalVars::new, List.of());
		}

	}

}
