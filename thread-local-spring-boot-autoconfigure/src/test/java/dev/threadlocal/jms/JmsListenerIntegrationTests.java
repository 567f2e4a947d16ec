package dev.threadlocal.jms;

import java.time.Duration;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.jms.JmsListenerApplication.Counts;
import dev.threadlocal.jms.JmsListenerApplication.Delivery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every message of a {@code @JmsListener} on an embedded Artemis broker is a unit of work:
 * on its one reused consumer thread, each delivery, also the redelivery of a message
 * whose listener threw, finds nothing of the previous one and destroys its own
 * thread-scoped bean. A destruction callback that throws when a boundary ends does not
 * reach the container: that message is not redelivered.
 */
@SpringBootTest(classes = JmsListenerApplication.class, properties = { "spring.artemis.mode=embedded",
		"spring.artemis.embedded.persistent=false", "spring.artemis.embedded.queues=" + JmsListenerApplication.QUEUE,
		"spring.jms.listener.session.transacted=true", JmsListenerApplication.EXCLUDE })
class JmsListenerIntegrationTests {

	static final List<String> MESSAGES = List.of("m1", "m2", "fail-m3", "callback-fails-m4", "m5");

	@Autowired
	private JmsTemplate jmsTemplate;

	@Autowired
	private Counts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	void everyDeliveryStartsCleanAndDestroysItsBeanWhenItEnds() {
		MESSAGES.forEach((body) -> this.jmsTemplate.convertAndSend(JmsListenerApplication.QUEUE, body));
		// one more delivery: the failed first attempt of fail-m3 is redelivered
		await().atMost(Duration.ofSeconds(30)).until(() -> this.counts.deliveries.size() == MESSAGES.size() + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.counts.beansDestroyed).hasValue(MESSAGES.size() + 1));
		List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
		assertThat(deliveries).extracting(Delivery::thread).containsOnly(deliveries.get(0).thread());
		assertThat(deliveries).extracting(Delivery::body)
			.containsExactly("m1", "m2", "fail-m3", "fail-m3", "callback-fails-m4", "m5");
		assertThat(deliveries).extracting(Delivery::attempt).containsExactly(1, 1, 1, 2, 1, 1);
		assertThat(deliveries).allSatisfy((delivery) -> {
			assertThat(delivery.inBoundary()).isTrue();
			assertThat(delivery.leftOverValue()).isNull();
			assertThat(delivery.leftOverBean()).isNull();
		});
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

}
