package dev.threadlocal.websocket;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.websocket.StompApplication.Observation;
import dev.threadlocal.websocket.StompApplication.Observations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's defaults: the executor beans of {@code @EnableWebSocketMessageBroker} make
 * Spring Boot back off its applicationTaskExecutor, so the inbound channel keeps Spring's
 * own executor, which the task decorator never sees; the channel interceptor still runs
 * every message inside a listener boundary.
 */
@SpringBootTest(classes = StompApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class StompMessageOwnExecutorIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Observations observations;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyMessageRunsInAListenerBoundaryOnSpringsOwnExecutor(@Autowired ApplicationContext context)
			throws Exception {
		assertThat(context.containsBean("applicationTaskExecutor")).isFalse();
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
		assertThat(observed).extracting(Observation::body).containsExactlyInAnyOrderElementsOf(bodies);
		assertThat(observed).allSatisfy((observation) -> {
			assertThat(observation.thread()).startsWith("clientInboundChannel-");
			assertThat(observation.inBoundary()).isTrue();
			assertThat(observation.leftOverVariable()).isNull();
			assertThat(observation.leftOverBean()).isNull();
		});
		assertThat(this.observations.boundariesEnded).hasSize(bodies.size()).containsOnly(BoundaryKind.LISTENER);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
