package dev.threadlocal.websocket;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.websocket.StompApplication.Observation;
import dev.threadlocal.websocket.StompApplication.Observations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control of {@link StompMessageIntegrationTests}: with
 * {@code thread-local.task.enabled=false} and {@code thread-local.listener.stomp.enabled=false}
 * the one inbound thread is reused and every
 * message after the first finds the previous message's variable and bean, and no bean is
 * destroyed.
 */
@SpringBootTest(classes = StompApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "thread-local.task.enabled=false", "thread-local.listener.stomp.enabled=false",
				"spring.task.execution.mode=force",
				"spring.task.execution.pool.core-size=1",
				"spring.task.execution.pool.max-size=1" })
class StompMessageDisabledIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Observations observations;

	@Test
	void everyMessageAfterTheFirstSeesThePreviousMessagesState() throws Exception {
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
		List<Observation> observed = List.copyOf(this.observations.messages);
		assertThat(observed).extracting(Observation::body).containsExactlyElementsOf(bodies);
		assertThat(observed).extracting(Observation::thread).containsOnly(observed.get(0).thread());
		assertThat(observed.get(0).thread()).startsWith("task-");
		assertThat(observed.get(0).leftOverVariable()).isNull();
		assertThat(observed.get(0).leftOverBean()).isNull();
		for (int i = 1; i < observed.size(); i++) {
			assertThat(observed.get(i).inBoundary()).isFalse();
			assertThat(observed.get(i).leftOverVariable()).isEqualTo(bodies.get(i - 1));
			assertThat(observed.get(i).leftOverBean()).isEqualTo(bodies.get(i - 1));
		}
		assertThat(this.observations.destroyed).hasValue(0);
	}

}
