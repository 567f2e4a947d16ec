package dev.threadlocal.sample;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of {@link SampleApplication} on a single Tomcat worker thread.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@AutoConfigureTestRestTemplate
class SampleApplicationTests {

	@Autowired
	private TestRestTemplate restTemplate;

	@Test
	void nextRequestOnSameThreadHasNoUser() {
		Hello hello = get("/hello?user=alice", Hello.class);
		WhoAmI whoAmI = get("/whoami", WhoAmI.class);
		assertThat(hello.user()).isEqualTo("alice");
		assertThat(whoAmI.thread()).isEqualTo(hello.thread());
		assertThat(whoAmI.user()).isNull();
		assertThat(whoAmI.message()).contains("cleared");
	}

	@Test
	void helloNeverSeesLeftoverState() {
		Hello first = get("/hello?user=alice", Hello.class);
		Hello second = get("/hello?user=bob", Hello.class);
		assertThat(second.thread()).isEqualTo(first.thread());
		assertThat(first.sawLeftoverState()).isFalse();
		assertThat(second.sawLeftoverState()).isFalse();
		assertThat(second.auditTrail()).hasSize(2).noneMatch((entry) -> entry.contains("alice"));
	}

	@Test
	void signOutTwiceIsSilent() {
		SignOut signOut = get("/signout?user=bob", SignOut.class);
		assertThat(signOut.signedIn()).isEqualTo("bob");
		assertThat(signOut.userAfterSignOut()).isNull();
		assertThat(signOut.auditTrail()).endsWith("signed out", "signed out");
	}

	@Test
	void everyAuditTrailIsDestroyedWhenItsRequestEnds() {
		get("/hello?user=alice", Hello.class);
		get("/signout?user=bob", SignOut.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Stats stats = get("/stats", Stats.class);
			assertThat(stats.auditTrailsCreated()).isGreaterThanOrEqualTo(2);
			assertThat(stats.auditTrailsDestroyed()).isEqualTo(stats.auditTrailsCreated());
		});
	}

	@Test
	void rootServesTheComparisonPage() {
		ResponseEntity<String> entity = this.restTemplate.getForEntity("/", String.class);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(entity.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
		assertThat(entity.getBody()).contains("id=\"run-demo\"", "comparison.js");
	}

	@Test
	void springThreadScopeServesEarlierUserToNextVisit() {
		Visit alice = post("/compare/visit?user=alice", Visit.class);
		Visit bob = post("/compare/visit?user=bob", Visit.class);
		assertThat(bob.thread()).isEqualTo(alice.thread());
		assertThat(bob.earlierRequestOnThread()).isEqualTo(alice.request());
		assertThat(bob.simpleThreadScope().leftover()).isTrue();
		assertThat(bob.simpleThreadScope().foundAtStart()).isEqualTo(new UserContext("alice", alice.request()));
		assertThat(bob.simpleThreadScope().earlierPreDestroyRan()).isFalse();
	}

	@Test
	void threadLocalScopeNeverServesEarlierUserToNextVisit() {
		Visit alice = post("/compare/visit?user=alice", Visit.class);
		Visit bob = post("/compare/visit?user=bob", Visit.class);
		assertThat(bob.thread()).isEqualTo(alice.thread());
		assertThat(alice.threadLocalScope().leftover()).isFalse();
		assertThat(alice.threadLocalScope().foundAtStart()).isNull();
		assertThat(bob.threadLocalScope().leftover()).isFalse();
		assertThat(bob.threadLocalScope().foundAtStart()).isNull();
		assertThat(bob.threadLocalScope().earlierPreDestroyRan()).isTrue();
	}

	@Test
	void comparisonStatsCountEveryBeanAndLeftover() {
		post("/compare/visit?user=alice", Visit.class);
		post("/compare/visit?user=bob", Visit.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ComparisonStats stats = get("/compare/stats", ComparisonStats.class);
			assertThat(stats.visitsInProgress()).isZero();
			assertThat(stats.simpleThreadScope().created()).isPositive();
			assertThat(stats.simpleThreadScope().destroyed()).isZero();
			assertThat(stats.simpleThreadScope().leftoversSeen()).isGreaterThanOrEqualTo(1);
			assertThat(stats.threadLocalScope().created()).isGreaterThanOrEqualTo(2);
			assertThat(stats.threadLocalScope().destroyed()).isEqualTo(stats.threadLocalScope().created());
			assertThat(stats.threadLocalScope().leftoversSeen()).isZero();
		});
	}

	private <T> T post(String path, Class<T> type) {
		ResponseEntity<T> entity = this.restTemplate.postForEntity(path, null, type);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
		T body = entity.getBody();
		assertThat(body).isNotNull();
		return body;
	}

	private <T> T get(String path, Class<T> type) {
		ResponseEntity<T> entity = this.restTemplate.getForEntity(path, type);
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
		T body = entity.getBody();
		assertThat(body).isNotNull();
		return body;
	}

	record Hello(String thread, String user, boolean sawLeftoverState, List<String> auditTrail) {

	}

	record WhoAmI(String thread, @Nullable String user, String message) {

	}

	record SignOut(String thread, String signedIn, @Nullable String userAfterSignOut, List<String> auditTrail) {

	}

	record Stats(long auditTrailsCreated, long auditTrailsDestroyed) {

	}

	record Visit(long request, String user, String thread, @Nullable Long earlierRequestOnThread,
			ScopeOutcome simpleThreadScope, ScopeOutcome threadLocalScope) {

	}

	record ScopeOutcome(@Nullable UserContext foundAtStart, boolean leftover, @Nullable Boolean earlierPreDestroyRan) {

	}

	record ComparisonStats(ScopeStats simpleThreadScope, ScopeStats threadLocalScope, int visitsInProgress) {

	}

	record ScopeStats(long created, long destroyed, long leftoversSeen) {

	}

}
