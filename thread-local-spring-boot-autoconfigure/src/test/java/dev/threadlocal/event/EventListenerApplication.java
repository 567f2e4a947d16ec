package dev.threadlocal.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The beans of the event tests: a listener of {@link WorkEvent}, a thread-scoped bean it
 * uses, and what each delivery found.
 */
final class EventListenerApplication {

	private EventListenerApplication() {
	}

	record WorkEvent(String body) {
	}

	/**
	 * What one event delivery found on its thread before it set anything.
	 */
	record Delivery(String body, String thread, boolean inBoundary, @Nullable Object leftOverValue,
			@Nullable Object leftOverBean, @Nullable Object publisherValue) {
	}

	/**
	 * Records the deliveries, destroyed beans and the kind of every outermost boundary
	 * that ended.
	 */
	static class Counts {

		final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		final AtomicInteger beansDestroyed = new AtomicInteger();

		final List<BoundaryKind> boundariesEnded = new CopyOnWriteArrayList<>();

		Counts(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					if (kind != BoundaryKind.REQUEST || variablesCleared > 0) {
						Counts.this.boundariesEnded.add(kind);
					}
				}

			});
		}

	}

	@Component("eventBean")
	@ThreadLocalScope
	static class EventBean {

		private final Counts counts;

		private @Nullable String body;

		EventBean(Counts counts) {
			this.counts = counts;
		}

		void use(String body) {
			this.body = body;
		}

		@Nullable String getBody() {
			return this.body;
		}

		@PreDestroy
		void destroyed() {
			this.counts.beansDestroyed.incrementAndGet();
		}

	}

	static class WorkListener {

		final ThreadLocalVars vars;

		final EventBean eventBean;

		final Counts counts;

		WorkListener(ThreadLocalVars vars, EventBean eventBean, Counts counts) {
			this.vars = vars;
			this.eventBean = eventBean;
			this.counts = counts;
		}

		@EventListener
		void onWork(WorkEvent event) {
			record(event);
		}

		void record(WorkEvent event) {
			Object leftOverBean = this.vars.find("scopedTarget.eventBean");
			this.counts.deliveries.add(new Delivery(event.body(), Thread.currentThread().getName(),
					this.vars.isInBoundary(), this.vars.find("event"),
					(leftOverBean != null) ? ((EventBean) leftOverBean).getBody() : null, this.vars.find("publisher")));
			this.vars.set("event", event.body());
			this.eventBean.use(event.body());
		}

	}

}
