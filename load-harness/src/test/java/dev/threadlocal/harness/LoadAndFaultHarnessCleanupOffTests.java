package dev.threadlocal.harness;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same burst with the request filter and the task decorator turned off: requests do
 * see each other's state and beans are never destroyed, so the zeros of
 * {@link LoadAndFaultHarnessTests} mean something.
 */
@SpringBootTest(classes = HarnessApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "thread-local.filter.enabled=false", "thread-local.task.enabled=false" })
class LoadAndFaultHarnessCleanupOffTests {

	@LocalServerPort
	private int port;

	@Test
	void burstWithoutCleanupSeesLeaks() throws Exception {
		HarnessRun run = new HarnessDriver(this.port).run("cleanup-off",
				HarnessDriver.requests("harness.off.requests", 1000));
		System.out.println(run.summaryLine());
		run.assertOnlyThrowingRequestsFailed();
		assertThat(run.leaksSeen()).as("leaks seen").isPositive();
		assertThat(run.server().leaksSeenByThrowingRequests()).as("leaks seen by throwing requests").isPositive();
		assertThat(run.server().leaksSeenByAsyncTasks()).as("leaks seen by @Async tasks").isPositive();
		assertThat(run.server().beansCreated()).as("beans created").isGreaterThan(run.server().beansDestroyed());
	}

}
