package dev.threadlocal.virtual;

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

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.virtual.VirtualThreadsApplication.BeanCounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.threadlocal.virtual.VirtualThreadsApplication.REQUEST_BEAN;
import static dev.threadlocal.virtual.VirtualThreadsApplication.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent clients of a real Tomcat on virtual threads: every request starts clean,
 * reads back only its own value and destroys its own bean.
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = VirtualThreadsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
@AutoConfigureTestRestTemplate
class VirtualThreadConcurrentRequestsIntegrationTests {

	private static final int CLIENTS = 8;

	private static final int REQUESTS_PER_CLIENT = 25;

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private BeanCounts counts;

	@Autowired
	private ThreadLocalVars vars;

	@Test
	@SuppressWarnings("unchecked")
	void concurrentRequestsNeverSeeEachOthersState() throws Exception {
		int createdBefore = this.counts.createdCount(REQUEST_BEAN);
		int destroyedBefore = this.counts.destroyedCount(REQUEST_BEAN);
		long leaksBefore = this.vars.getLeaksDetected();
		Set<Object> virtual = ConcurrentHashMap.newKeySet();
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
						if (before.get(USER) != null || before.get(REQUEST_BEAN) != null) {
							problems.add(user + " found residue " + before);
						}
						if (!user.equals(after.get(USER))) {
							problems.add(user + " read back " + after.get(USER));
						}
						virtual.add(after.get("virtual"));
						beans.add(after.get(REQUEST_BEAN));
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
		assertThat(virtual).containsExactly(true);
		assertThat(beans).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			int created = this.counts.createdCount(REQUEST_BEAN) - createdBefore;
			int destroyed = this.counts.destroyedCount(REQUEST_BEAN) - destroyedBefore;
			assertThat(created).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
			assertThat(destroyed).isEqualTo(created);
		});
		assertThat(this.vars.getLeaksDetected()).isEqualTo(leaksBefore);
	}

}
