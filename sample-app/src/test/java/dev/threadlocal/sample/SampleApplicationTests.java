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

}
