package dev.threadlocal.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent clients on a real Tomcat with two worker threads: every request starts
 * clean, reads back only its own value and destroys its own bean.
 */
@SpringBootTest(classes = RequestStateApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=2", "server.tomcat.threads.min-spare=2" })
@AutoConfigureTestRestTemplate
class ConcurrentRequestsIntegrationTests {

	private static final int CLIENTS = 8;

	private static final int REQUESTS_PER_CLIENT = 50;

	@Autowired
	private TestRestTemplate rest;

	@Test
	@SuppressWarnings("unchecked")
	void concurrentRequestsNeverSeeEachOthersState() throws Exception {
		Map<String, Object> countsBefore = this.rest.getForObject("/counts", Map.class);
		Set<Object> threads = ConcurrentHashMap.newKeySet();
		Set<Object> beans = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				String client = "client-" + c;
				results.add(clients.submit(() -> {
					start.await();
					List<String> problems = new ArrayList<>();
					for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
						String user = client + "-" + i;
						Map<String, Object> response = this.rest.getForObject("/set?user=" + user, Map.class);
						Map<String, Object> before = (Map<String, Object>) response.get("before");
						Map<String, Object> after = (Map<String, Object>) response.get("after");
						if (before.get("user") != null || before.get("bean") != null) {
							problems.add(user + " found residue " + before);
						}
						if (!user.equals(after.get("user"))) {
							problems.add(user + " read back " + after.get("user"));
						}
						threads.add(after.get("thread"));
						beans.add(after.get("bean"));
					}
					return problems;
				}));
			}
			start.countDown();
			for (Future<List<String>> result : results) {
				assertThat(result.get(2, TimeUnit.MINUTES)).isEmpty();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(threads).hasSizeBetween(1, 2);
		assertThat(beans).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> counts = this.rest.getForObject("/counts", Map.class);
			int created = (int) counts.get("created") - (int) countsBefore.get("created");
			int destroyed = (int) counts.get("destroyed") - (int) countsBefore.get("destroyed");
			assertThat(created).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
			assertThat(destroyed).isEqualTo(created);
		});
	}

}
