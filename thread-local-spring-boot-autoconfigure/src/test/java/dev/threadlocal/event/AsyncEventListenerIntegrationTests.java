package dev.threadlocal.event;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.event.EventListenerApplication.Counts;
import dev.threadlocal.event.EventListenerApplication.Delivery;
import dev.threadlocal.event.EventListenerApplication.EventBean;
import dev.threadlocal.event.EventListenerApplication.WorkEvent;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code @Async @EventListener} runs on Spring Boot's applicationTaskExecutor (one
 * thread, reused): the task is the outermost boundary and the event's boundary joins it,
 * so each event still starts clean and destroys its thread-scoped bean.
 */
@SpringBootTest(classes = AsyncEventListenerIntegrationTests.AsyncEventApplication.class,
		properties = { "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1" })
class AsyncEventListenerIntegrationTests {

	@Autowired
	private ApplicationEventPublisher publisher;

	@Autowired
	private Counts counts;

	@Autowired
	private AsyncWorkListener listener;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void eachAsyncEventStartsCleanInsideTheTasksBoundary() {
		assertThat(AopUtils.isCglibProxy(this.listener)).isTrue();
		List<String> bodies = List.of("e1", "e2", "e3", "e4");
		bodies.forEach((body) -> this.publisher.publishEvent(new WorkEvent(body)));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.counts.deliveries.size() == bodies.size());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.counts.beansDestroyed).hasValue(bodies.size()));
		List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
		assertThat(deliveries).extracting(Delivery::thread)
			.containsOnly(deliveries.get(0).thread())
			.doesNotContain(Thread.currentThread().getName());
		assertThat(deliveries).allSatisfy((delivery) -> {
			assertThat(delivery.inBoundary()).isTrue();
			assertThat(delivery.leftOverValue()).isNull();
			assertThat(delivery.leftOverBean()).isNull();
		});
		// the event boundaries joined the tasks' boundaries, which cleared the thread
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.counts.boundariesEnded).hasSize(bodies.size()));
		assertThat(this.counts.boundariesEnded).containsOnly(BoundaryKind.TASK);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ AsyncWorkListener.class, EventBean.class, Counts.class })
	static class AsyncEventApplication {

	}

	static class AsyncWorkListener {

		private final EventListenerApplication.WorkListener delegate;

		AsyncWorkListener(ThreadLocalVars vars, EventBean eventBean, Counts counts) {
			this.delegate = new EventListenerApplication.WorkListener(vars, eventBean, counts);
		}

		@Async
		@EventListener
		void onWork(WorkEvent event) {
			this.delegate.record(event);
		}

	}

}
