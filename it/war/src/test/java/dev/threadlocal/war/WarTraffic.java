package dev.threadlocal.war;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Drives the application's endpoints on a {@link StandaloneTomcat} and classifies what each
 * request found on its threads.
 */
final class WarTraffic {

	private static final List<String> KINDS = List.of("set", "fail", "forward", "include", "async", "deferred");

	private static final Pattern SEEN = Pattern
		.compile("seen (?<where>\\S+) thread=(?<thread>\\S+) user=(?<user>\\S+) bean=(?<bean>\\S+)");

	private static final Pattern COUNTS = Pattern.compile("created=(\\d+) destroyed=(\\d+)");

	private final StandaloneTomcat tomcat;

	private int next;

	int requests;

	int sawStale;

	int nestedLost;

	int errorPageSawRequest;

	int unexpectedStatus;

	int beansCreated;

	int beansDestroyed;

	final Set<String> containerThreads = new TreeSet<>();

	final List<String> problems = new ArrayList<>();

	WarTraffic(StandaloneTomcat tomcat) {
		this.tomcat = tomcat;
	}

	/**
	 * Send every kind of request, in turn, the given number of times.
	 */
	void rounds(int rounds) throws IOException, InterruptedException {
		for (int i = 0; i < rounds; i++) {
			for (String kind : KINDS) {
				send(kind);
			}
		}
	}

	/**
	 * Send one request of the given kind as a new user, and check what it reports.
	 */
	void send(String kind) throws IOException, InterruptedException {
		String user = "u" + (++this.next);
		HttpResponse<String> response = this.tomcat.get("/app/" + kind + "?user=" + user);
		this.requests++;
		int expected = kind.equals("fail") ? 500 : 200;
		if (response.statusCode() != expected) {
			this.unexpectedStatus++;
			this.problems.add(kind + " " + user + ": status " + response.statusCode() + " " + response.body());
			return;
		}
		Matcher seen = SEEN.matcher(response.body());
		boolean sawStart = false;
		while (seen.find()) {
			String where = seen.group("where");
			String found = seen.group("user") + "/" + seen.group("bean");
			switch (where) {
				case "start", "executor-start" -> {
					if (where.equals("start")) {
						sawStart = true;
						this.containerThreads.add(seen.group("thread"));
					}
					if (!found.equals("-/-")) {
						stale(kind, user, seen.group());
					}
				}
				case "error-page-start" -> {
					if (found.equals(user + "/" + user)) {
						this.errorPageSawRequest++;
					}
					else if (!found.equals("-/-")) {
						stale(kind, user, seen.group());
					}
				}
				case "forwarded", "included", "after-include" -> {
					if (!seen.group("user").equals(user)) {
						this.nestedLost++;
						this.problems.add(kind + " " + user + ": nested dispatch lost the request's state: " + seen.group());
					}
				}
				default -> {
				}
			}
		}
		if (!sawStart) {
			this.unexpectedStatus++;
			this.problems.add(kind + " " + user + ": no report of the state at start: " + response.body());
		}
	}

	private void stale(String kind, String user, String line) {
		this.sawStale++;
		this.problems.add(kind + " " + user + ": found state of an earlier request: " + line);
	}

	/**
	 * Read the bean counts; with {@code awaitBalanced}, wait (bounded) until every bean
	 * created was destroyed.
	 */
	void readBeanCounts(boolean awaitBalanced) {
		await("bean counts").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			Matcher counts = COUNTS.matcher(this.tomcat.get("/app/counts").body());
			if (!counts.find()) {
				return false;
			}
			this.beansCreated = Integer.parseInt(counts.group(1));
			this.beansDestroyed = Integer.parseInt(counts.group(2));
			return !awaitBalanced || this.beansCreated == this.beansDestroyed;
		});
	}

}
