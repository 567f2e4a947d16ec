package dev.threadlocal.jms;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.stereotype.Component;

/**
 * An application with one {@code @JmsListener} on one consumer thread, on an embedded
 * Artemis broker with transacted sessions, so a listener that throws rolls back and the
 * broker redelivers the message.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ JmsListenerApplication.OrderListener.class, JmsListenerApplication.MessageBean.class,
		JmsListenerApplication.Counts.class })
class JmsListenerApplication {

	static final String QUEUE = "orders";

	/**
	 * Re-enables Artemis, which the test application.properties excludes for all other
	 * tests.
	 */
	static final String EXCLUDE = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration,"
			+ "org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration,"
			+ "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration";

	/**
	 * What one delivery found on its thread before it set anything.
	 */
	record Delivery(String body, int attempt, String thread, boolean inBoundary, @Nullable Object leftOverValue,
			@Nullable Object leftOverBean) {
	}

	static class Counts {

		final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		final AtomicInteger beansDestroyed = new AtomicInteger();

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	}

	@Component("messageBean")
	@ThreadLocalScope
	static class MessageBean {

		private final Counts counts;

		private @Nullable String body;

		MessageBean(Counts counts) {
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

	static class OrderListener {

		private final ThreadLocalVars vars;

		private final MessageBean messageBean;

		private final Counts counts;

		OrderListener(ThreadLocalVars vars, MessageBean messageBean, Counts counts) {
			this.vars = vars;
			this.messageBean = messageBean;
			this.counts = counts;
		}

		@JmsListener(destination = QUEUE, concurrency = "1")
		void onMessage(String body) {
			int attempt = this.counts.attempts.computeIfAbsent(body, (key) -> new AtomicInteger()).incrementAndGet();
			Object leftOverBean = this.vars.find("scopedTarget.messageBean");
			this.counts.deliveries.add(new Delivery(body, attempt, Thread.currentThread().getName(),
					this.vars.isInBoundary(), this.vars.find("message"),
					(leftOverBean != null) ? ((MessageBean) leftOverBean).getBody() : null));
			this.vars.set("message", body);
			this.messageBean.use(body);
			if (body.startsWith("callback-fails")) {
				this.vars.registerDestructionCallback("message", () -> {
					throw new IllegalStateException("destruction callback of " + body + " fails");
				});
			}
			if (body.startsWith("fail") && attempt == 1) {
				throw new IllegalStateException("first delivery of " + body + " fails");
			}
		}

	}

}
