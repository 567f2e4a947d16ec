package dev.threadlocal.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two test methods on the same thread: what the first leaves there is gone, its
 * destruction callback run, before the second starts, with no listener declared.
 */
@SpringBootTest(classes = ThreadLocalVarsTestExecutionListenerIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.NONE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreadLocalVarsTestExecutionListenerIntegrationTests {

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private static volatile Thread firstTestThread;

	@Autowired
	private ThreadLocalVars threadLocalVars;

	@Test
	@Order(1)
	void firstTestLeavesAVariableOnTheThread() {
		firstTestThread = Thread.currentThread();
		this.threadLocalVars.set("user", "alice");
		this.threadLocalVars.registerDestructionCallback("user", () -> events.add("user destroyed"));
		assertThat(this.threadLocalVars.isInBoundary()).isFalse();
	}

	@Test
	@Order(2)
	void secondTestFindsNothingLeftOnTheThread() {
		assertThat(Thread.currentThread()).isSameAs(firstTestThread);
		assertThat(events).containsExactly("user destroyed");
		// From README.md, "Context propagation and tests":
		assertThatExceptionOfType(MissingThreadLocalVarException.class)
			.isThrownBy(() -> this.threadLocalVars.getRequired("user"));
		assertThat(this.threadLocalVars.isInBoundary()).isFalse();
		long leaksBefore = this.threadLocalVars.getLeaksDetected();
		this.threadLocalVars.runScoped(() -> { }); // a boundary that begins on a dirty thread counts a leak
		assertThat(this.threadLocalVars.getLeaksDetected()).isEqualTo(leaksBefore);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
