package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;

import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.ScopeNotActiveException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadLocalScopedProxyFactoryBean}: the fast proxy behaves like
 * Spring's scoped proxy.
 */
class ThreadLocalScopedProxyFactoryBeanTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, AopAutoConfiguration.class))
		.withUserConfiguration(CounterConfiguration.class);

	@Test
	void threadScopedBeansGetTheFastProxy() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			assertThat(counter).isInstanceOf(ScopedObject.class)
				.isInstanceOf(AopInfrastructureBean.class)
				.isInstanceOf(SpringProxy.class)
				.isNotInstanceOf(Advised.class);
			assertThat(AopUtils.isCglibProxy(counter)).isTrue();
			assertThat(AopUtils.getTargetClass(counter)).isEqualTo(Counter.class);
			assertThat(context.getBeanFactory().getBeanDefinition("counter").getBeanClassName())
				.isEqualTo(ThreadLocalScopedProxyFactoryBean.class.getName());
		});
	}

	@Test
	void interfaceBasedProxiesStaySpringsStandardOnes() {
		this.contextRunner.withUserConfiguration(InterfaceProxyConfiguration.class).run((context) -> {
			Object greeter = context.getBean("greeter");
			assertThat(greeter).isInstanceOf(Advised.class).isInstanceOf(Greeter.class).isInstanceOf(ScopedObject.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> assertThat(((Greeter) greeter).greet()).isEqualTo("hello"));
		});
	}

	@Test
	void eachThreadReachesItsOwnInstanceAndACallCreatesItOnce() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			Events events = context.getBean(Events.class);
			vars.runScoped(() -> {
				assertThat(counter.increment()).isOne();
				assertThat(counter.increment()).isEqualTo(2);
				int other = onAnotherThread(() -> scoped(vars, counter::increment));
				assertThat(other).isOne();
				assertThat(counter.increment()).isEqualTo(3);
			});
			assertThat(events.list).containsExactly("created", "created", "destroyed", "destroyed");
		});
	}

	@Test
	void clearDestroysAndTheNextCallCreatesANewInstance() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			Events events = context.getBean(Events.class);
			vars.runScoped(() -> counter.increment());
			vars.runScoped(() -> assertThat(counter.increment()).isOne());
			assertThat(events.list).containsExactly("created", "destroyed", "created", "destroyed");
		});
	}

	@Test
	void proxyInjectedIntoASingletonDispatchesPerThread() {
		this.contextRunner.run((context) -> {
			CounterUser user = context.getBean(CounterUser.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> {
				user.counter().increment();
				assertThat(user.counter().increment()).isEqualTo(2);
				assertThat(onAnotherThread(() -> scoped(vars, () -> user.counter().increment()))).isOne();
			});
		});
	}

	@Test
	void adviceOnTheTargetBeanStillApplies() {
		this.contextRunner.withUserConfiguration(AspectConfiguration.class).run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			CountingAspect aspect = context.getBean(CountingAspect.class);
			vars.runScoped(() -> {
				assertThat(counter.increment()).isEqualTo(101);
				assertThat(counter.increment()).isEqualTo(102);
			});
			assertThat(aspect.calls).hasValue(2);
			assertThat(counter).isNotInstanceOf(Advised.class);
		});
	}

	@Test
	void equalsAndHashCodeAreThoseOfTheProxyAndToStringIsTheTargets() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			Counter again = context.getBean("counter", Counter.class);
			Counter second = secondProxyFor(context, "scopedTarget.counter");
			Counter other = secondProxyFor(context, "scopedTarget.otherCounter");
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> {
				counter.increment();
				assertThat(counter).isSameAs(again).isEqualTo(counter).isEqualTo(second).isNotEqualTo(other);
				assertThat(counter.equals(vars.getRequired("scopedTarget.counter"))).isFalse();
				assertThat(counter.hashCode()).isEqualTo(second.hashCode());
				assertThat(counter.toString()).isEqualTo(vars.getRequired("scopedTarget.counter").toString())
					.startsWith("Counter ");
			});
		});
	}

	@Test
	void methodThatReturnsTheTargetReturnsTheProxy() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			vars.runScoped(() -> {
				assertThat(counter.add(2)).isSameAs(counter);
				assertThat(counter.add(3).count()).isEqualTo(5);
			});
		});
	}

	@Test
	void finalClassGetsSpringsOwnProxyAndItsError() {
		this.contextRunner.withUserConfiguration(FinalClassConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Could not generate CGLIB subclass")
				.hasStackTraceContaining(FinalCounter.class.getName()));
	}

	@Test
	void scopedObjectMethodsReachTheCurrentInstance() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			Events events = context.getBean(Events.class);
			vars.runScoped(() -> {
				counter.increment();
				Object target = ((ScopedObject) counter).getTargetObject();
				assertThat(target).isSameAs(vars.getRequired("scopedTarget.counter"));
				((ScopedObject) counter).removeFromScope();
				assertThat(events.list).containsExactly("created", "destroyed");
				assertThat(counter.increment()).isOne();
			});
			assertThat(events.list).containsExactly("created", "destroyed", "created", "destroyed");
		});
	}

	@Test
	void strictModeRejectsACallOutsideAnyBoundaryEvenWhenAnInstanceExists() {
		this.contextRunner.run((context) -> {
			Counter counter = context.getBean("counter", Counter.class);
			ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
			counter.increment();
			vars.setStrict(true);
			try {
				assertThatExceptionOfType(ScopeNotActiveException.class).isThrownBy(counter::increment)
					.havingRootCause()
					.withMessageContaining("outside any boundary");
			}
			finally {
				vars.setStrict(false);
				vars.clear();
			}
		});
	}

	@Test
	void underAotProcessingTheStandardScopedProxyIsKept() {
		System.setProperty("spring.aot.processing", "true");
		try {
			this.contextRunner.run((context) -> {
				Counter counter = context.getBean("counter", Counter.class);
				assertThat(counter).isInstanceOf(Advised.class).isInstanceOf(ScopedObject.class);
				ThreadLocalVars vars = context.getBean(ThreadLocalVars.class);
				vars.runScoped(() -> assertThat(counter.increment()).isOne());
				assertThat(context.getBean(Events.class).list).containsExactly("created", "destroyed");
			});
		}
		finally {
			System.clearProperty("spring.aot.processing");
		}
	}

	private static Counter secondProxyFor(ConfigurableApplicationContext context, String targetBeanName) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		ThreadLocalScopedProxyFactoryBean factory = new ThreadLocalScopedProxyFactoryBean();
		factory.setTargetBeanName(targetBeanName);
		factory.setBeanFactory(beanFactory);
		return (Counter) factory.getObject();
	}

	private static <T> T scoped(ThreadLocalVars vars, Supplier<T> action) {
		List<T> result = new ArrayList<>(1);
		vars.runScoped(() -> result.add(action.get()));
		return result.get(0);
	}

	private static <T> T onAnotherThread(Supplier<T> action) {
		try {
			return CompletableFuture.supplyAsync(action).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	static class Counter {

		private final Events events;

		private int count;

		Counter(Events events) {
			this.events = events;
		}

		@PostConstruct
		void created() {
			this.events.list.add("created");
		}

		@PreDestroy
		void destroyed() {
			this.events.list.add("destroyed");
		}

		public int increment() {
			return ++this.count;
		}

		public Counter add(int amount) {
			this.count += amount;
			return this;
		}

		public int count() {
			return this.count;
		}

		@Override
		public String toString() {
			return "Counter " + System.identityHashCode(this);
		}

	}

	record CounterUser(Counter counter) {
	}

	interface Greeter {

		String greet();

	}

	@Configuration(proxyBeanMethods = false)
	static class CounterConfiguration {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		@ThreadLocalScope
		Counter counter(Events events) {
			return new Counter(events);
		}

		@Bean
		@ThreadLocalScope
		Counter otherCounter() {
			return new Counter(new Events());
		}

		@Bean
		CounterUser counterUser(Counter counter) {
			return new CounterUser(counter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceProxyConfiguration {

		@Bean
		@ThreadLocalScope(proxyMode = ScopedProxyMode.INTERFACES)
		Greeter greeter() {
			return () -> "hello";
		}

	}

	static final class FinalCounter {

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalClassConfiguration {

		@Bean
		@ThreadLocalScope
		FinalCounter finalCounter() {
			return new FinalCounter();
		}

		@Bean
		Object finalCounterUser(FinalCounter finalCounter) {
			return finalCounter;
		}

	}

	@Aspect
	static class CountingAspect {

		final AtomicInteger calls = new AtomicInteger();

		@Around("execution(int dev.threadlocal.ThreadLocalScopedProxyFactoryBeanTests.Counter.increment())")
		Object addHundred(ProceedingJoinPoint joinPoint) throws Throwable {
			this.calls.incrementAndGet();
			return (int) joinPoint.proceed() + 100;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AspectConfiguration {

		@Bean
		CountingAspect countingAspect() {
			return new CountingAspect();
		}

	}

}
