package dev.threadlocal.web;

import dev.threadlocal.actuate.ThreadLocalVarsEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the actuator on the classpath and nothing configured, the {@code threadlocal}
 * endpoint is not exposed over the web, like the other endpoints but health. (Spring AMQP
 * is on the test classpath for the RabbitMQ listener tests and no broker runs on
 * localhost:5672: its health indicator, which would report DOWN, is off.)
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.health.rabbit.enabled=false")
@AutoConfigureTestRestTemplate
class ThreadLocalVarsEndpointNotExposedIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ApplicationContext context;

	@Test
	void endpointIsNotExposedOverTheWebByDefault() {
		assertThat(this.rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.rest.getForEntity("/actuator/threadlocal", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.context.getBeanNamesForType(ThreadLocalVarsEndpoint.class)).isEmpty();
	}

}
