package dev.threadlocal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ThreadLocalVarScope}.
 */
class ThreadLocalVarScopeTests {

	private final ThreadLocalVarScope scope = new ThreadLocalVarScope();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getBeanFactory()
			.registerScope(ThreadLocalVarScope.SCOPE_NAME, this.scope))
		.withBean(ThreadLocalVars.class, this.scope::getThreadLocalVars)
		.withBean(Events.class, () -> new Events(this.events))
		.withUserConfiguration(ScopedBeansConfiguration.class);

	@AfterEach
	void clear() {
		this.scope.getThreadLocalVars().clear();
	}

	@Test
	void sameThreadGetsTheSameInstance() {
		this.contextRunner.run((context) -> assertThat(context.getBean("leaf", Leaf.class)).isSameAs(context.getBean("leaf", Leaf.class)));
	}

	@Test
	void otherThreadGetsAnotherInstance() {
		this.contextRunner.run((context) -> {
			Leaf mine = context.getBean("leaf", Leaf.class);
			Leaf other = onAnotherThread(() -> context.getBean("leaf", Leaf.class));
			assertThat(other).isNotSameAs(mine);
			assertThat(context.getBean("leaf", Leaf.class)).isSameAs(mine);
		});
	}

	@Test
	void clearGivesANewInstanceAndRunsPreDestroyOnce() {
		this.contextRunner.run((context) -> {
			Leaf first = context.getBean("leaf", Leaf.class);
			this.scope.getThreadLocalVars().clear();
			assertThat(this.events).containsExactly("leaf " + first.id + " destroyed");
			Leaf second = context.getBean("leaf", Leaf.class);
			assertThat(second).isNotSameAs(first);
			this.scope.getThreadLocalVars().clear();
			this.scope.getThreadLocalVars().clear();
			assertThat(this.events).containsExactly("leaf " + first.id + " destroyed",
					"leaf " + second.id + " destroyed");
		});
	}

	@Test
	void clearDestroysInReverseCreationOrder() {
		this.contextRunner.run((context) -> {
			Root root = context.getBean(Root.class);
			this.scope.getThreadLocalVars().clear();
			assertThat(this.events).containsExactly("root destroyed", "made by root destroyed",
					"leaf " + root.leaf.id + " destroyed");
		});
	}

	@Test
	void creatingABeanThatNeedsOtherThreadScopedStateWorks() {
		this.contextRunner.run((context) -> {
			Root root = context.getBean(Root.class);
			assertThat(root.leaf).isSameAs(context.getBean("leaf", Leaf.class));
			assertThat(this.scope.getThreadLocalVars().<String>getRequired("made-by-root")).isEqualTo("made by root");
		});
	}

	@Test
	void scopedProxyInjectedIntoASingletonReachesTheCurrentThreadsInstance() {
		this.contextRunner.run((context) -> {
			Singleton singleton = context.getBean(Singleton.class);
			int mine = singleton.proxiedLeaf.getId();
			assertThat(singleton.proxiedLeaf.getId()).isEqualTo(mine);
			int other = onAnotherThread(singleton.proxiedLeaf::getId);
			assertThat(other).isNotEqualTo(mine);
			this.scope.getThreadLocalVars().clear();
			assertThat(singleton.proxiedLeaf.getId()).isNotEqualTo(mine).isNotEqualTo(other);
		});
	}

	@Test
	void beanWhoseCreationFailsIsNotStoredAndIsCreatedAgainNextTime() {
		this.contextRunner.run((context) -> {
			Flaky.attempts.set(0);
			assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context.getBean(Flaky.class));
			assertThat(context.getBean(Flaky.class)).isNotNull();
			assertThat(Flaky.attempts).hasValue(2);
		});
	}

	@Test
	void failingDestructionCallbackDoesNotStopTheOthers() {
		this.scope.get("first", () -> "first");
		this.scope.registerDestructionCallback("first", () -> this.events.add("first"));
		this.scope.get("failing", () -> "failing");
		this.scope.registerDestructionCallback("failing", () -> {
			throw new IllegalStateException("callback failed");
		});
		this.scope.get("last", () -> "last");
		this.scope.registerDestructionCallback("last", () -> this.events.add("last"));
		this.scope.getThreadLocalVars().clear();
		assertThat(this.events).containsExactly("last", "first");
	}

	@Test
	void callbackRegisteredBeforeTheBeanIsStoredStillRuns() {
		Object bean = this.scope.get("bean", () -> {
			this.scope.registerDestructionCallback("bean", () -> this.events.add("bean destroyed"));
			return "bean";
		});
		assertThat(bean).isEqualTo("bean");
		this.scope.getThreadLocalVars().clear();
		assertThat(this.events).containsExactly("bean destroyed");
	}

	@Test
	void getWithNullObjectFactoryThrowsNamingTheBeanAndChangesNothing() {
		Object bean = this.scope.get("bean", () -> "bean");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scope.get("bean", null))
			.withMessageContaining("'bean'")
			.withMessageContaining(Thread.currentThread().getName());
		assertThatIllegalArgumentException().isThrownBy(() -> this.scope.get("other", null))
			.withMessageContaining("'other'");
		assertThat(this.scope.get("bean", () -> "new bean")).isSameAs(bean);
		assertThat(this.scope.getThreadLocalVars().names()).containsExactly("bean");
	}

	@Test
	void removeReturnsTheObjectWithoutRunningItsCallback() {
		this.scope.get("bean", () -> "bean");
		this.scope.registerDestructionCallback("bean", () -> this.events.add("bean destroyed"));
		assertThat(this.scope.remove("bean")).isEqualTo("bean");
		assertThat(this.scope.remove("bean")).isNull();
		this.scope.getThreadLocalVars().clear();
		assertThat(this.events).isEmpty();
		assertThat(this.scope.get("bean", () -> "new bean")).isEqualTo("new bean");
	}

	@Test
	void conversationIdIsTheThreadId() {
		@SuppressWarnings("deprecation")
		String mainId = String.valueOf(Thread.currentThread().getId());
		assertThat(this.scope.getConversationId()).isEqualTo(mainId);
		assertThat(onAnotherThread(this.scope::getConversationId)).isNotEqualTo(mainId);
	}

	@Test
	void resolvesNoContextualObject() {
		assertThat(this.scope.resolveContextualObject("request")).isNull();
	}

	@Test
	void scopeBackedBySuppliedVariablesResolvesThemOnce() {
		ThreadLocalVars vars = new ThreadLocalVars();
		AtomicInteger lookups = new AtomicInteger();
		ThreadLocalVarScope lazy = new ThreadLocalVarScope(() -> {
			lookups.incrementAndGet();
			return vars;
		});
		assertThat(lookups).hasValue(0);
		lazy.get("bean", () -> "bean");
		lazy.get("bean", () -> "other");
		assertThat(lazy.getThreadLocalVars()).isSameAs(vars);
		assertThat(vars.<String>getRequired("bean")).isEqualTo("bean");
		assertThat(lookups).hasValue(1);
		vars.clear();
	}

	private <T> T onAnotherThread(Supplier<T> action) {
		try {
			return CompletableFuture.supplyAsync(() -> {
				try {
					return action.get();
				}
				finally {
					this.scope.getThreadLocalVars().clear();
				}
			}).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Events(List<String> list) {

		void add(String event) {
			this.list.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedBeansConfiguration {

		@Bean
		@ThreadLocalScope(proxyMode = ScopedProxyMode.NO)
		Leaf leaf(Events events) {
			return new Leaf(events);
		}

		@Bean
		@ThreadLocalScope(proxyMode = ScopedProxyMode.NO)
		Root root(Leaf leaf, ThreadLocalVars vars, Events events) {
			return new Root(leaf, vars, events);
		}

		@Bean
		@ThreadLocalScope
		Leaf proxiedLeaf(Events events) {
			return new Leaf(events);
		}

		@Bean
		Singleton singleton(Leaf proxiedLeaf) {
			return new Singleton(proxiedLeaf);
		}

		@Bean
		@ThreadLocalScope(proxyMode = ScopedProxyMode.NO)
		Flaky flaky() {
			return new Flaky();
		}

	}

	static class Leaf {

		private static final AtomicInteger ids = new AtomicInteger();

		private final int id = ids.incrementAndGet();

		private final Events events;

		Leaf(Events events) {
			this.events = events;
		}

		int getId() {
			return this.id;
		}

		@PreDestroy
		void destroy() {
			this.events.add("leaf " + this.id + " destroyed");
		}

	}

	static class Root {

		final Leaf leaf;

		private final Events events;

		Root(Leaf leaf, ThreadLocalVars vars, Events events) {
			this.leaf = leaf;
			this.events = events;
			vars.getOrCreate("made-by-root", () -> "made by root");
			vars.registerDestructionCallback("made-by-root", () -> events.add("made by root destroyed"));
		}

		@PreDestroy
		void destroy() {
			this.events.add("root destroyed");
		}

	}

	record Singleton(Leaf proxiedLeaf) {
	}

	static class Flaky {

		static final AtomicInteger attempts = new AtomicInteger();

		Flaky() {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
		}

	}

}
