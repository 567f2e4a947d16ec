package dev.threadlocal.test;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.event.EventPublishingTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link ThreadLocalVarsTestExecutionListener}.
 */
class ThreadLocalVarsTestExecutionListenerTests {

	private final ThreadLocalVarsTestExecutionListener listener = new ThreadLocalVarsTestExecutionListener();

	private final TestContext testContext = mock(TestContext.class);

	private final List<GenericApplicationContext> contexts = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(GenericApplicationContext::close);
	}

	@Test
	void clearsTheCurrentThreadWhenTheApplicationContextIsLoaded() {
		ThreadLocalVars vars = new ThreadLocalVars();
		givenLoadedContext(context(vars));
		vars.set("user", "alice");
		vars.registerDestructionCallback("user", () -> this.events.add("user destroyed"));
		this.listener.afterTestMethod(this.testContext);
		assertThat(this.events).containsExactly("user destroyed");
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> vars.getRequired("user"));
	}

	@Test
	void clearsEveryThreadLocalVarsBeanAlsoOfAParentContext() {
		ThreadLocalVars parentVars = new ThreadLocalVars();
		ThreadLocalVars childVars = new ThreadLocalVars();
		GenericApplicationContext child = new GenericApplicationContext(context(parentVars));
		child.registerBean("childVars", ThreadLocalVars.class, () -> childVars);
		child.refresh();
		this.contexts.add(child);
		givenLoadedContext(child);
		parentVars.set("user", "alice");
		childVars.set("user", "bob");
		this.listener.afterTestMethod(this.testContext);
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> parentVars.getRequired("user"));
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> childVars.getRequired("user"));
	}

	@Test
	void neverLoadsAnApplicationContext() {
		given(this.testContext.hasApplicationContext()).willReturn(false);
		this.listener.afterTestMethod(this.testContext);
		then(this.testContext).should(never()).getApplicationContext();
	}

	@Test
	void neverCreatesAThreadLocalVarsBean() {
		GenericApplicationContext context = new GenericApplicationContext();
		RootBeanDefinition definition = new RootBeanDefinition(ThreadLocalVars.class);
		definition.setLazyInit(true);
		context.registerBeanDefinition("threadLocalVars", definition);
		context.refresh();
		this.contexts.add(context);
		givenLoadedContext(context);
		this.listener.afterTestMethod(this.testContext);
		assertThat(context.getBeanFactory().containsSingleton("threadLocalVars")).isFalse();
	}

	@Test
	void doesNothingWithoutThreadLocalVarsBeans() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		this.contexts.add(context);
		givenLoadedContext(context);
		this.listener.afterTestMethod(this.testContext);
		then(this.testContext).should().getApplicationContext();
	}

	@Test
	void isADefaultListenerThatClearsBeforeADirtiedContextIsClosed() {
		List<TestExecutionListener> listeners = new TestContextManager(getClass()).getTestExecutionListeners();
		assertThat(listeners).hasAtLeastOneElementOfType(ThreadLocalVarsTestExecutionListener.class);
		int index = indexOf(listeners, ThreadLocalVarsTestExecutionListener.class);
		// after-test-method callbacks run in reverse order
		assertThat(index).isGreaterThan(indexOf(listeners, DirtiesContextTestExecutionListener.class))
			.isLessThan(indexOf(listeners, EventPublishingTestExecutionListener.class));
		// 4000: TransactionalTestExecutionListener, absent here without spring-tx
		assertThat(this.listener.getOrder()).isEqualTo(ThreadLocalVarsTestExecutionListener.ORDER)
			.isGreaterThan(new DirtiesContextTestExecutionListener().getOrder())
			.isLessThan(4000);
	}

	private static int indexOf(List<TestExecutionListener> listeners, Class<?> type) {
		for (int i = 0; i < listeners.size(); i++) {
			if (type.isInstance(listeners.get(i))) {
				return i;
			}
		}
		throw new AssertionError("No " + type.getName() + " in " + listeners);
	}

	private GenericApplicationContext context(ThreadLocalVars vars) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("threadLocalVars", ThreadLocalVars.class, () -> vars);
		context.refresh();
		this.contexts.add(context);
		return context;
	}

	private void givenLoadedContext(GenericApplicationContext context) {
		given(this.testContext.hasApplicationContext()).willReturn(true);
		given(this.testContext.getApplicationContext()).willReturn(context);
	}

}
