package dev.threadlocal.aop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalBoundary;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import dev.threadlocal.autoconfigure.ThreadLocalBoundaryAutoConfiguration;
import dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration;
import jakarta.annotation.PreDestroy;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code @ThreadLocalBoundary} in an application context with Spring Boot's AOP
 * auto-configuration: real proxies, real thread-scoped beans, no mocks.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadLocalBoundaryIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, ThreadLocalVarsAutoConfiguration.class,
				ThreadLocalBoundaryAutoConfiguration.class))
		.withUserConfiguration(WorkConfiguration.class);

	@Test
	void clearsTheThreadAndDestroysItsBeanWhenTheMethodReturns() {
		this.contextRunner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(outer.work("first")).isEqualTo("first");
			assertThat(vars.names()).isEmpty();
			assertThat(outer.work("second")).isEqualTo("second");
			assertThat(recorder.destroyed).hasValue(2);
			assertThat(recorder.kinds).containsExactly(BoundaryKind.EXPLICIT, BoundaryKind.EXPLICIT);
			assertThat(vars.getLeaksDetected()).isZero();
		});
	}

	@Test
	void aNestedBoundaryJoinsTheOuterOneAndClearsNothing() {
		this.contextRunner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			Recorder recorder = context.getBean(Recorder.class);
			List<Object> seen = outer.callInner("outer value");
			// the inner method's own state and the outer one's both survive the inner method
			assertThat(seen).containsExactly("outer value", "inner value", 0);
			assertThat(recorder.destroyed).hasValue(1);
			assertThat(recorder.kinds).containsExactly(BoundaryKind.EXPLICIT);
			assertThat(context.getBean(ThreadLocalVars.class).names()).isEmpty();
		});
	}

	@Test
	void aThrowingMethodStillClearsTheThreadAndItsExceptionPropagates() {
		this.contextRunner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			Recorder recorder = context.getBean(Recorder.class);
			assertThatIllegalStateException().isThrownBy(() -> outer.fail("doomed")).withMessage("failed with doomed");
			assertThat(context.getBean(ThreadLocalVars.class).names()).isEmpty();
			assertThat(recorder.destroyed).hasValue(1);
		});
	}

	@Test
	void joinsABoundaryTheCallerOpenedWithoutClearingIt() {
		this.contextRunner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			try (ThreadLocalVars.Boundary boundary = vars.openBoundary(BoundaryKind.REQUEST)) {
				vars.set("request", "kept");
				outer.work("inside");
				assertThat(vars.<String>getRequired("request")).isEqualTo("kept");
				assertThat(vars.<String>getRequired("value")).isEqualTo("inside");
			}
			assertThat(vars.names()).isEmpty();
		});
	}

	@Test
	void usesTheKindOfTheMethodOverTheKindOfTheClass() {
		this.contextRunner.run((context) -> {
			Kinds kinds = context.getBean(Kinds.class);
			Recorder recorder = context.getBean(Recorder.class);
			kinds.ofTheClass();
			kinds.ofTheMethod();
			assertThat(recorder.kinds).containsExactly(BoundaryKind.STEP, BoundaryKind.LISTENER);
		});
	}

	@Test
	void runsInsideAUserAspectOnTheSameBean() {
		this.contextRunner.withUserConfiguration(AspectConfiguration.class).run((context) -> {
			Outer outer = context.getBean(Outer.class);
			UserAspect aspect = context.getBean(UserAspect.class);
			assertThat(outer.work("with aspect")).isEqualTo("with aspect");
			assertThat(aspect.calls).hasValue(1);
			// the boundary encloses the user's aspect: the aspect sees the boundary
			assertThat(aspect.inBoundary).containsExactly(true);
			assertThat(context.getBean(ThreadLocalVars.class).names()).isEmpty();
			assertThat(context.getBean(Recorder.class).destroyed).hasValue(1);
		});
	}

	@Test
	void leavesAFinalClassUnproxiedWithAWarningNamingTheBean(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(UnproxyableConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isAopProxy(context.getBean(FinalWork.class))).isFalse();
			assertThat(context.getBean(FinalWork.class).inBoundary()).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(RecordWork.class))).isFalse();
			assertThat(output).contains("Bean 'finalWork' of final class " + FinalWork.class.getName())
				.contains("Bean 'recordWork' of record " + RecordWork.class.getName());
		});
	}

	@Test
	void leavesAClassWithFinalMethodsUnproxiedWithAWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(UnproxyableConfiguration.class).run((context) -> {
			WithFinalMethod bean = context.getBean(WithFinalMethod.class);
			assertThat(AopUtils.isAopProxy(bean)).isFalse();
			// unproxied, the final method still works on the bean itself
			assertThat(bean.name()).isEqualTo("initialised");
			assertThat(output).contains("Bean 'withFinalMethod' of " + WithFinalMethod.class.getName())
				.contains("final or private methods on itself instead of the bean: name");
		});
	}

	@Test
	void neverAdvisesPrivateOrStaticMethods(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(UnproxyableConfiguration.class).run((context) -> {
			WithPrivateMethod bean = context.getBean(WithPrivateMethod.class);
			assertThat(AopUtils.isCglibProxy(bean)).isTrue();
			assertThat(bean.advised()).isTrue();
			assertThat(bean.callsPrivate()).isFalse();
			assertThat(WithPrivateMethod.staticInBoundary(context.getBean(ThreadLocalVars.class))).isFalse();
			assertThat(output).contains("Bean 'withPrivateMethod' of " + WithPrivateMethod.class.getName()
					+ " has private or static @ThreadLocalBoundary methods")
				.containsPattern("advise: (notAdvised, staticInBoundary|staticInBoundary, notAdvised) run without");
		});
	}

	@Test
	void endsTheBoundaryWhenAMethodReturningAFutureReturns() {
		this.contextRunner.run((context) -> {
			Outer outer = context.getBean(Outer.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			CompletableFuture<Boolean> pending = new CompletableFuture<>();
			CompletableFuture<String> result = outer.later(pending);
			// the method returned: its boundary ended although the future has not completed
			assertThat(result).isNotDone();
			assertThat(vars.names()).isEmpty();
			assertThat(context.getBean(Recorder.class).destroyed).hasValue(1);
			pending.complete(true);
			assertThat(result).isCompletedWithValue("completed");
		});
	}

	@Test
	void advisesAnEventListenerOfAFullConfigurationClass() {
		this.contextRunner.withUserConfiguration(FullConfiguration.class).run((context) -> {
			FullConfiguration configuration = context.getBean(FullConfiguration.class);
			assertThat(AopUtils.isCglibProxy(configuration)).isTrue();
			context.publishEvent(new Object() {
			});
			context.publishEvent("an event");
			// through a method: the proxy's own fields are not the bean's
			assertThat(configuration.getInBoundary()).containsExactly(true);
			assertThat(configuration.name()).isEqualTo("full");
			assertThat(context.getBean(Recorder.class).kinds).containsExactly(BoundaryKind.EVENT);
		});
	}

	@Test
	void neverProxiesInfrastructureBeans() {
		this.contextRunner.withUserConfiguration(InfrastructureConfiguration.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean("infrastructureWork"))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(Outer.class))).isTrue();
		});
	}

	@Configuration
	static class FullConfiguration {

		final List<Boolean> inBoundary = new CopyOnWriteArrayList<>();

		private final ThreadLocalVars vars;

		FullConfiguration(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@Bean
		String name() {
			return "full";
		}

		List<Boolean> getInBoundary() {
			return this.inBoundary;
		}

		@EventListener
		void onString(String event) {
			this.inBoundary.add(this.vars.isInBoundary());
			this.vars.set("event", event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InfrastructureConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		Kinds infrastructureWork() {
			return new Kinds();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ Outer.class, Inner.class, Kinds.class, ScopedBean.class, Recorder.class })
	static class WorkConfiguration {

	}

	/**
	 * Records the kind of every outermost boundary that ends, and the beans destroyed.
	 */
	static class Recorder {

		final List<BoundaryKind> kinds = new CopyOnWriteArrayList<>();

		final AtomicInteger destroyed = new AtomicInteger();

		Recorder(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					Recorder.this.kinds.add(kind);
				}

			});
		}

	}

	@ThreadLocalScope
	static class ScopedBean {

		private final Recorder recorder;

		private String value = "";

		ScopedBean(Recorder recorder) {
			this.recorder = recorder;
		}

		String getValue() {
			return this.value;
		}

		void setValue(String value) {
			this.value = value;
		}

		@PreDestroy
		void destroy() {
			this.recorder.destroyed.incrementAndGet();
		}

	}

	static class Outer {

		private final ThreadLocalVars vars;

		private final ScopedBean scopedBean;

		private final Inner inner;

		Outer(ThreadLocalVars vars, ScopedBean scopedBean, Inner inner) {
			this.vars = vars;
			this.scopedBean = scopedBean;
			this.inner = inner;
		}

		@ThreadLocalBoundary
		String work(String value) {
			if (this.vars.names().contains("value")) {
				throw new IllegalStateException("state of an earlier call: " + this.vars.names());
			}
			this.vars.set("value", value);
			this.scopedBean.setValue(value);
			return this.vars.getRequired("value");
		}

		@ThreadLocalBoundary
		List<Object> callInner(String value) {
			this.vars.set("value", value);
			this.scopedBean.setValue(value);
			this.inner.work();
			return List.of(this.vars.getRequired("value"), this.vars.getRequired("inner"),
					this.scopedBean.getValue().equals(value) ? 0 : 1);
		}

		@ThreadLocalBoundary
		CompletableFuture<String> later(CompletableFuture<Boolean> pending) {
			this.vars.set("value", "later");
			this.scopedBean.setValue("later");
			return pending.thenApply((ignored) -> "completed");
		}

		@ThreadLocalBoundary
		void fail(String value) {
			this.vars.set("value", value);
			this.scopedBean.setValue(value);
			throw new IllegalStateException("failed with " + value);
		}

	}

	static class Inner {

		private final ThreadLocalVars vars;

		Inner(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@ThreadLocalBoundary
		void work() {
			this.vars.set("inner", "inner value");
		}

	}

	@ThreadLocalBoundary(kind = BoundaryKind.STEP)
	static class Kinds {

		void ofTheClass() {
		}

		@ThreadLocalBoundary(kind = BoundaryKind.LISTENER)
		void ofTheMethod() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(UserAspect.class)
	static class AspectConfiguration {

	}

	@Aspect
	static class UserAspect {

		private final ThreadLocalVars vars;

		final AtomicInteger calls = new AtomicInteger();

		final List<Boolean> inBoundary = new CopyOnWriteArrayList<>();

		UserAspect(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@Around("execution(* dev.threadlocal.aop.ThreadLocalBoundaryIntegrationTests.Outer.work(..))")
		Object around(ProceedingJoinPoint joinPoint) throws Throwable {
			this.calls.incrementAndGet();
			this.inBoundary.add(this.vars.isInBoundary());
			return joinPoint.proceed();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnproxyableConfiguration {

		@Bean
		FinalWork finalWork(ThreadLocalVars vars) {
			return new FinalWork(vars);
		}

		@Bean
		RecordWork recordWork() {
			return new RecordWork("record");
		}

		@Bean
		WithFinalMethod withFinalMethod() {
			return new WithFinalMethod();
		}

		@Bean
		WithPrivateMethod withPrivateMethod(ThreadLocalVars vars) {
			return new WithPrivateMethod(vars);
		}

	}

	static final class FinalWork {

		private final ThreadLocalVars vars;

		FinalWork(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@ThreadLocalBoundary
		boolean inBoundary() {
			return this.vars.isInBoundary();
		}

	}

	record RecordWork(String name) {

		@ThreadLocalBoundary
		void work() {
		}

	}

	static class WithFinalMethod {

		private final String name = "initialised";

		@ThreadLocalBoundary
		void work() {
		}

		final String name() {
			return this.name;
		}

	}

	static class WithPrivateMethod {

		private final ThreadLocalVars vars;

		WithPrivateMethod(ThreadLocalVars vars) {
			this.vars = vars;
		}

		@ThreadLocalBoundary
		boolean advised() {
			return this.vars.isInBoundary();
		}

		boolean callsPrivate() {
			return notAdvised();
		}

		@ThreadLocalBoundary
		private boolean notAdvised() {
			return this.vars.isInBoundary();
		}

		@ThreadLocalBoundary
		static boolean staticInBoundary(ThreadLocalVars vars) {
			return vars.isInBoundary();
		}

	}

}
