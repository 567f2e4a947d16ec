package dev.threadlocal.event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.event.EventListenerApplication.Counts;
import dev.threadlocal.event.EventListenerApplication.Delivery;
import dev.threadlocal.event.EventListenerApplication.EventBean;
import dev.threadlocal.event.EventListenerApplication.WorkEvent;
import dev.threadlocal.event.EventListenerApplication.WorkListener;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code @EventListener} on a {@link SimpleApplicationEventMulticaster} with its own
 * one-thread executor, which nothing of ours decorates: the event's boundary is the
 * outermost one on that thread and clears it after each event. The control, with
 * {@code thread-local.listener.event.enabled=false}, sees the previous event's state.
 */
class MulticasterEventListenerIntegrationTests {

	static final List<String> BODIES = List.of("e1", "e2", "e3", "e4");

	@Nested
	@SpringBootTest(classes = MulticasterApplication.class)
	class Enabled {

		@Autowired
		private ApplicationEventPublisher publisher;

		@Autowired
		private Counts counts;

		@Autowired
		private ThreadLocalVars vars;

		@Test
		void eachEventIsTheOutermostBoundaryOnTheMulticastersThread() {
			BODIES.forEach((body) -> this.publisher.publishEvent(new WorkEvent(body)));
			await().atMost(Duration.ofSeconds(20)).until(() -> this.counts.deliveries.size() == BODIES.size());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.counts.beansDestroyed).hasValue(BODIES.size()));
			List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
			assertThat(deliveries).extracting(Delivery::thread).containsOnly(MulticasterApplication.THREAD);
			assertThat(deliveries).allSatisfy((delivery) -> {
				assertThat(delivery.inBoundary()).isTrue();
				assertThat(delivery.leftOverValue()).isNull();
				assertThat(delivery.leftOverBean()).isNull();
			});
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.counts.boundariesEnded).hasSize(BODIES.size()));
			assertThat(this.counts.boundariesEnded).containsOnly(BoundaryKind.EVENT);
			assertThat(this.vars.getLeaksDetected()).isZero();
		}

	}

	@Nested
	@SpringBootTest(classes = MulticasterApplication.class, properties = "thread-local.listener.event.enabled=false")
	class Disabled {

		@Autowired
		private ApplicationEventPublisher publisher;

		@Autowired
		private Counts counts;

		@Test
		void eachEventFindsThePreviousOnesState() {
			BODIES.forEach((body) -> this.publisher.publishEvent(new WorkEvent(body)));
			await().atMost(Duration.ofSeconds(20)).until(() -> this.counts.deliveries.size() == BODIES.size());
			List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
			assertThat(deliveries).extracting(Delivery::thread).containsOnly(MulticasterApplication.THREAD);
			assertThat(deliveries).extracting(Delivery::inBoundary).containsOnly(false);
			for (int i = 1; i < deliveries.size(); i++) {
				assertThat(deliveries.get(i).leftOverValue()).isEqualTo(deliveries.get(i - 1).body());
				assertThat(deliveries.get(i).leftOverBean()).isEqualTo(deliveries.get(i - 1).body());
			}
			assertThat(this.counts.beansDestroyed).hasValue(0);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ WorkListener.class, EventBean.class, Counts.class })
	static class MulticasterApplication {

		static final String THREAD = "own-multicaster";

		@Bean(destroyMethod = "shutdown")
		ExecutorService multicasterExecutor() {
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, THREAD));
		}

		@Bean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
		SimpleApplicationEventMulticaster applicationEventMulticaster(ExecutorService multicasterExecutor) {
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			multicaster.setTaskExecutor(multicasterExecutor);
			return multicaster;
		}

	}

}
