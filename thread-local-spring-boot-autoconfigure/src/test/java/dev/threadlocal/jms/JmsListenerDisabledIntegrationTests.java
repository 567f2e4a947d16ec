package dev.threadlocal.jms;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.jms.JmsListenerApplication.Counts;
import dev.threadlocal.jms.JmsListenerApplication.Delivery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control for {@link JmsListenerIntegrationTests}: with
 * {@code thread-local.listener.jms.enabled=false} the same listener on the same reused
 * thread DOES find the previous delivery's variable and thread-scoped bean, and no bean is
 * destroyed.
 */
@SpringBootTest(classes = JmsListenerApplication.class,
		properties = { "spring.artemis.mode=embedded", "spring.artemis.embedded.persistent=false",
				"spring.artemis.embedded.queues=" + JmsListenerApplication.QUEUE,
				"spring.jms.listener.session.transacted=true", JmsListenerApplication.EXCLUDE,
				"thread-local.listener.jms.enabled=false" })
class JmsListenerDisabledIntegrationTests {

	@Autowired
	private JmsTemplate jmsTemplate;

	@Autowired
	private Counts counts;

	@Test
	void everyDeliveryFindsThePreviousOnesState() {
		List<String> messages = JmsListenerIntegrationTests.MESSAGES;
		messages.forEach((body) -> this.jmsTemplate.convertAndSend(JmsListenerApplication.QUEUE, body));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.counts.deliveries.size() == messages.size() + 1);
		List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
		assertThat(deliveries).extracting(Delivery::thread).containsOnly(deliveries.get(0).thread());
		assertThat(deliveries).extracting(Delivery::inBoundary).containsOnly(false);
		assertThat(deliveries.get(0).leftOverValue()).isNull();
		for (int i = 1; i < deliveries.size(); i++) {
			assertThat(deliveries.get(i).leftOverValue()).isEqualTo(deliveries.get(i - 1).body());
			assertThat(deliveries.get(i).leftOverBean()).isEqualTo(deliveries.get(i - 1).body());
		}
		assertThat(this.counts.beansDestroyed).hasValue(0);
	}

}
