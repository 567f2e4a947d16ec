package dev.threadlocal.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.event.EventListenerApplication.Counts;
import dev.threadlocal.event.EventListenerApplication.Delivery;
import dev.threadlocal.event.EventListenerApplication.EventBean;
import dev.threadlocal.event.EventListenerApplication.WorkEvent;
import dev.threadlocal.event.EventListenerApplication.WorkListener;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synchronous event published inside a request on real Tomcat (one worker thread): the
 * event's boundary joins the request's, so neither the request's state nor the
 * listener's is cleared when the listener returns; the request's end clears both.
 */
@SpringBootTest(classes = RequestEventListenerIntegrationTests.RequestEventApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@AutoConfigureTestRestTemplate
class RequestEventListenerIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private Counts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	@SuppressWarnings("unchecked")
	void aSynchronousEventJoinsTheRequestAndClearsNothingOfIt() {
		Map<String, Object> first = this.rest.getForObject("/publish?body=e1", Map.class);
		Map<String, Object> second = this.rest.getForObject("/publish?body=e2", Map.class);
		assertThat(second.get("thread")).isEqualTo(first.get("thread"));
		for (Map<String, Object> response : List.of(first, second)) {
			assertThat(response).containsEntry("publisherBefore", null).containsEntry("publisherAfter", "request")
				.containsEntry("eventAfter", response.get("body"))
				.containsEntry("beanAfter", response.get("body"));
		}
		List<Delivery> deliveries = List.copyOf(this.counts.deliveries);
		assertThat(deliveries).extracting(Delivery::thread).containsOnly((String) first.get("thread"));
		assertThat(deliveries).extracting(Delivery::publisherValue).containsOnly("request");
		assertThat(deliveries).allSatisfy((delivery) -> {
			assertThat(delivery.inBoundary()).isTrue();
			assertThat(delivery.leftOverValue()).isNull();
			assertThat(delivery.leftOverBean()).isNull();
		});
		assertThat(this.counts.beansDestroyed).hasValue(2);
		assertThat(this.counts.boundariesEnded).containsExactly(BoundaryKind.REQUEST, BoundaryKind.REQUEST);
		assertThat(this.vars.getLeaksDetected()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ WorkListener.class, EventBean.class, Counts.class, PublishingController.class })
	static class RequestEventApplication {

	}

	@RestController
	static class PublishingController {

		private final ThreadLocalVars vars;

		private final ApplicationEventPublisher publisher;

		private final EventBean eventBean;

		PublishingController(ThreadLocalVars vars, ApplicationEventPublisher publisher, EventBean eventBean) {
			this.vars = vars;
			this.publisher = publisher;
			this.eventBean = eventBean;
		}

		@GetMapping("/publish")
		Map<String, Object> publish(@RequestParam String body) {
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("thread", Thread.currentThread().getName());
			response.put("body", body);
			response.put("publisherBefore", this.vars.find("publisher"));
			this.vars.set("publisher", "request");
			this.publisher.publishEvent(new WorkEvent(body));
			response.put("publisherAfter", this.vars.find("publisher"));
			response.put("eventAfter", this.vars.find("event"));
			response.put("beanAfter", this.eventBean.getBody());
			return response;
		}

	}

}
