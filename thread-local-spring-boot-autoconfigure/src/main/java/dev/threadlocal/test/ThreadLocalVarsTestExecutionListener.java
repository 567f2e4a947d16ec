package dev.threadlocal.test;

import java.util.Map;

import dev.threadlocal.ThreadLocalVars;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * {@link TestExecutionListener} that clears the test thread's variables and
 * thread-scoped beans after each test method, so that no state leaks from one test method
 * into the next.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so Spring's test framework applies it
 * by default wherever this library and spring-test are on the classpath. It only clears
 * {@link ThreadLocalVars} beans of an application context that is already loaded, and
 * never loads a context nor creates a bean to do so.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Order of the listener. After-test-method callbacks run in reverse order, so the
	 * test thread is cleared after {@code TransactionalTestExecutionListener} (4000) has
	 * ended the test-managed transaction and before {@code DirtiesContextTestExecutionListener}
	 * (3000) may close the context.
	 */
	public static final int ORDER = 3500;

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Clear the current thread in every {@link ThreadLocalVars} bean of the test's
	 * application context and its ancestors, if the context is loaded.
	 * @param testContext the test context
	 */
	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			clear(testContext.getApplicationContext());
		}
	}

	private static void clear(ApplicationContext applicationContext) {
		for (ApplicationContext context = applicationContext; context != null; context = context.getParent()) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				if (configurable.isActive()) {
					clearCreated(configurable.getBeanFactory());
				}
			}
			else {
				Map<String, ThreadLocalVars> beans = context.getBeansOfType(ThreadLocalVars.class, false, false);
				beans.values().forEach(ThreadLocalVars::clear);
			}
		}
	}

	/**
	 * Clear the {@link ThreadLocalVars} singletons already created: one that was never
	 * created has nothing on any thread.
	 */
	private static void clearCreated(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForType(ThreadLocalVars.class, false, false)) {
			if (beanFactory.getSingleton(name) instanceof ThreadLocalVars threadLocalVars) {
				threadLocalVars.clear();
			}
		}
	}

}
