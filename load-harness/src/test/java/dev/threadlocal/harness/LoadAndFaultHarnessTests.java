package dev.threadlocal.harness;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of mixed, partly failing requests from 32 clients on four Tomcat threads and two
 * executor threads, with the starter's cleanup on: no request sees another's state.
 */
@SpringBootTest(classes = HarnessApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class LoadAndFaultHarnessTests {

	@LocalServerPort
	private int port;

	@Test
	void burstWithCleanupLeavesNoStateBehind() throws Exception {
		HarnessRun run = new HarnessDriver(this.port).run("cleanup-on",
				HarnessDriver.requests("harness.requests", 3000));
		System.out.println(run.summaryLine());
		run.assertOnlyThrowingRequestsFailed();
		assertThat(run.leaksSeen()).as("leaks seen").isZero();
		assertThat(run.server().leakySightings()).as("leaky sightings on the server").isZero();
		assertThat(run.server().leaksSeenByAsyncTasks()).as("leaks seen by @Async tasks").isZero();
		assertThat(run.server().residueDetected()).as("residue at request or task start").isZero();
		assertThat(run.server().beansDestroyed()).as("beans destroyed").isEqualTo(run.server().beansCreated());
		assertThat(run.server().beansCreated()).as("beans created").isEqualTo(run.beansExpected());
	}

}
