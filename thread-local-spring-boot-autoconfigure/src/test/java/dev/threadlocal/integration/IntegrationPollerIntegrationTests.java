package dev.threadlocal.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Integration poller on Spring Boot's auto-configured task scheduler (one
 * thread, reused) needs no code of its own: the task decorator makes each poll, with the
 * flow it drives on the poller's thread, a task boundary.
 */
@SpringBootTest(classes = IntegrationPollerIntegrationTests.PollerApplication.class,
		properties = { "spring.task.scheduling.pool.size=1",
				"spring.autoconfigure.exclude=org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration,"
						+ "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration,"
						+ "org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration" })
class IntegrationPollerIntegrationTests {

	@Autowired
	private Polls polls;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void eachPollStartsCleanInsideATaskBoundary() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.polls.handled.size() >= 4);
		List<Poll> handled = List.copyOf(this.polls.handled).subList(0, 4);
		assertThat(handled).extracting(Poll::thread).containsOnly(handled.get(0).thread());
		assertThat(handled).allSatisfy((poll) -> {
			assertThat(poll.thread()).isNotEqualTo(Thread.currentThread().getName());
			assertThat(poll.inBoundary()).isTrue();
			assertThat(poll.leftOverValue()).isNull();
			assertThat(poll.leftOverBean()).isNull();
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.polls.beansDestroyed.get() >= 4);
		assertThat(this.polls.boundariesEnded).contains(BoundaryKind.TASK).containsOnly(BoundaryKind.TASK);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	record Poll(String payload, String thread, boolean inBoundary, @Nullable Object leftOverValue,
			@Nullable Object leftOverBean) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Polls.class, PollBean.class })
	static class PollerApplication {

		@Bean
		IntegrationFlow pollingFlow(Polls polls, ThreadLocalVars vars, PollBean pollBean) {
			return IntegrationFlow
				.fromSupplier(() -> "poll-" + polls.supplied.incrementAndGet(),
						(endpoint) -> endpoint.poller(Pollers.fixedDelay(Duration.ofMillis(20))))
				.handle((payload, headers) -> {
					Object leftOverBean = vars.find("scopedTarget.pollBean");
					polls.handled.add(new Poll((String) payload, Thread.currentThread().getName(),
							vars.isInBoundary(), vars.find("poll"),
							(leftOverBean != null) ? ((PollBean) leftOverBean).getPayload() : null));
					vars.set("poll", payload);
					pollBean.use((String) payload);
					return null;
				})
				.get();
		}

	}

	static class Polls {

		final AtomicInteger supplied = new AtomicInteger();

		final List<Poll> handled = new CopyOnWriteArrayList<>();

		final AtomicInteger beansDestroyed = new AtomicInteger();

		final List<BoundaryKind> boundariesEnded = new CopyOnWriteArrayList<>();

		Polls(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					if (variablesCleared > 0) {
						Polls.this.boundariesEnded.add(kind);
					}
				}

			});
		}

	}

	@Component("pollBean")
	@ThreadLocalScope
	static class PollBean {

		private final Polls polls;

		private @Nullable String payload;

		PollBean(Polls polls) {
			this.polls = polls;
		}

		void use(String payload) {
			this.payload = payload;
		}

		@Nullable String getPayload() {
			return this.payload;
		}

		@PreDestroy
		void destroyed() {
			this.polls.beansDestroyed.incrementAndGet();
		}

	}

}
