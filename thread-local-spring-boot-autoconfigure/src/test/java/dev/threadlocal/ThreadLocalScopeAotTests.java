package dev.threadlocal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing of a context with a thread-scoped bean, as Spring Boot's
 * {@code process-aot} does it: the generated context keeps Spring's standard scoped proxy,
 * which works and is destroyed with the thread's variables.
 */
class ThreadLocalScopeAotTests {

	@Test
	void aotGeneratedContextUsesTheStandardScopedProxyAndItWorks() {
		GenericApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(AotConfiguration.class);
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializerName;
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		try {
			initializerName = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		finally {
			System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
		}
		generationContext.writeGeneratedContent();
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			@SuppressWarnings("unchecked")
			ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
				.getInstance(ApplicationContextInitializer.class, initializerName.reflectionName());
			try (GenericApplicationContext aotContext = new GenericApplicationContext()) {
				initializer.initialize(aotContext);
				aotContext.refresh();
				Audit audit = aotContext.getBean("audit", Audit.class);
				assertThat(audit).isInstanceOf(ScopedObject.class).isInstanceOf(Advised.class);
				ThreadLocalVars vars = aotContext.getBean(ThreadLocalVars.class);
				vars.runScoped(() -> {
					audit.record("one");
					audit.record("two");
					assertThat(audit.entries()).containsExactly("one", "two");
				});
				vars.runScoped(() -> assertThat(audit.entries()).isEmpty());
				assertThat(AotConfiguration.destroyed).hasSize(2);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	public static class AotConfiguration {

		static final List<String> destroyed = new CopyOnWriteArrayList<>();

		@Bean
		public static ThreadLocalVarScopeConfigurer threadLocalVarScopeConfigurer() {
			return new ThreadLocalVarScopeConfigurer();
		}

		@Bean
		public ThreadLocalVars threadLocalVars() {
			return new ThreadLocalVars();
		}

		@Bean
		@ThreadLocalScope
		public Audit audit() {
			return new Audit();
		}

	}

	public static class Audit {

		private final List<String> entries = new CopyOnWriteArrayList<>();

		public void record(String entry) {
			this.entries.add(entry);
		}

		public List<String> entries() {
			return List.copyOf(this.entries);
		}

		@PreDestroy
		public void destroy() {
			AotConfiguration.destroyed.add("audit");
		}

	}

}
