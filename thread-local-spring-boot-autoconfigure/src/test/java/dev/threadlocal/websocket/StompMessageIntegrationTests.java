package dev.threadlocal.websocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.websocket.StompApplication.Observation;
import dev.threadlocal.websocket.StompApplication.Observations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STOMP messages from a real WebSocket client on real Tomcat, handled on the client inbound
 * channel that Spring Boot gives its applicationTaskExecutor (one thread, reused): each
 * message is a task boundary that starts clean and destroys its thread-scoped bean.
 */
@SpringBootTest(classes = StompApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.task.execution.mode=force", "spring.task.execution.pool.core-size=1",
				"spring.task.execution.pool.max-size=1" })
class StompMessageIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Observations observations;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void theInboundChannelRunsOnBootsApplicationTaskExecutor(
			@Autowired @Qualifier("clientInboundChannel") ExecutorSubscribableChannel clientInboundChannel,
			@Autowired @Qualifier("applicationTaskExecutor") Executor applicationTaskExecutor) {
		assertThat(clientInboundChannel.getExecutor()).isSameAs(applicationTaskExecutor);
	}

	@Test
	void everyInboundMessageStartsCleanAndDestroysItsBean() throws Exception {
		StompSession session = StompApplication.connect(this.port);
		List<String> bodies;
		try {
			bodies = StompApplication.send(session);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.observations.messages).hasSize(bodies.size()));
		}
		finally {
			session.disconnect();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.destroyed).hasValue(bodies.size()));
		List<Observation> observed = List.copyOf(this.observations.messages);
		assertThat(observed).extracting(Observation::body).containsExactlyElementsOf(bodies);
		assertThat(observed).extracting(Observation::thread)
			.containsOnly(observed.get(0).thread())
			.doesNotContain(Thread.currentThread().getName());
		assertThat(observed.get(0).thread()).startsWith("task-");
		assertThat(observed).allSatisfy((observation) -> {
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(this.observations.boundariesEnded).hasSize(bodies.size()).containsOnly(BoundaryKind.TASK);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
