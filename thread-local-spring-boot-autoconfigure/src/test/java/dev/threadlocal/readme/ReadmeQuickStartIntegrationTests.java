package dev.threadlocal.readme;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, verbatim, on a real Tomcat with one worker thread.
 */
@SpringBootTest(classes = ReadmeQuickStartIntegrationTests.QuickStartApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@AutoConfigureTestRestTemplate
class ReadmeQuickStartIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Test
	void nextRequestOnTheSameThreadNeverSeesTheEarlierState() {
		assertThat(this.rest.getForObject("/hello?user=alice", String.class)).isEqualTo("[\"hello alice\"]");
		assertThat(this.rest.getForObject("/hello?user=bob", String.class)).isEqualTo("[\"hello bob\"]");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ AuditTrail.class, Greeter.class })
	static class QuickStartApplication {

	}

	// From README.md, "Quick start":

	@Component @ThreadLocalScope // one instance per thread; @PreDestroy runs when the request ends
	public static class AuditTrail {
		private final List<String> entries = new ArrayList<>();
		public List<String> add(String entry) { entries.add(entry); return List.copyOf(entries); }
	}
	@RestController
	record Greeter(ThreadLocalVars vars, AuditTrail audit) {
		@GetMapping("/hello") List<String> hello(@RequestParam String user) {
			vars.getOrCreate("user", () -> user); // created once per thread, gone when the request ends
			return audit.add("hello " + vars.getRequired("user", String.class)); } }

}
