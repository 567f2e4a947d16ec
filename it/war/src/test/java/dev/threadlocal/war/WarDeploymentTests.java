package dev.threadlocal.war;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a WAR on a standalone Tomcat 11 with two worker threads, where no request
 * may find an earlier one's state and Tomcat's leak detector may report nothing of ours at
 * undeploy, with controls (cleanup off, forwards not covered) that must show both leaks.
 */
class WarDeploymentTests {

	private static final int THREADS = 2;

	private static final int ROUNDS = 6;

	private static final Path TOMCAT_HOME = Path.of(System.getProperty("war-it.tomcat-home"));

	private static final Path WAR = Path.of(System.getProperty("war-it.war"));

	private static final Path WORK = Path.of(System.getProperty("war-it.work"));

	@Test
	void starterLeavesNothingOnTomcatsPooledThreads() throws Exception {
		Run run = run("starter", Map.of(), true);
		assertThat(run.traffic.problems).isEmpty();
		assertThat(run.traffic.sawStale).isZero();
		assertThat(run.traffic.nestedLost).isZero();
		assertThat(run.traffic.errorPageSawRequest).as("error pages run after cleanup").isZero();
		assertThat(run.traffic.beansDestroyed).as("@PreDestroy ran for every bean").isEqualTo(run.traffic.beansCreated);
		assertThat(run.leakWarnings).isEmpty();
		assertThat(run.severe).isEmpty();
		assertThat(run.traffic.containerThreads).hasSizeLessThanOrEqualTo(THREADS)
			.allSatisfy((thread) -> assertThat(thread).startsWith(StandaloneTomcat.THREAD_PREFIX));
		assertThat(run.traffic.requests).isGreaterThan(2 * THREADS);
	}

	@Test
	void withTheFilterOffRequestsSeeStaleStateAndTomcatReportsTheLeak() throws Exception {
		Run run = run("filter-off", Map.of("thread-local.filter.enabled", "false"), false);
		assertThat(run.traffic.unexpectedStatus).isZero();
		assertThat(run.traffic.sawStale).isPositive();
		assertThat(run.severe).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("dev.threadlocal.ThreadVariables"));
	}

	@Test
	void withTheFilterMissingForwardsTheErrorPageLeaks() throws Exception {
		Run run = run("request-async-error", Map.of("war-it.dispatcher-types", "REQUEST,ASYNC,ERROR"), false);
		assertThat(run.traffic.unexpectedStatus).isZero();
		assertThat(run.traffic.nestedLost).isZero();
		// each request's boundary still finds the error page's leftovers and clears them first
		assertThat(run.traffic.sawStale).isZero();
		assertThat(run.severe).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("dev.threadlocal.ThreadVariables"));
	}

	private Run run(String mode, Map<String, String> contextParameters, boolean awaitBalancedBeans) throws Exception {
		long started = System.nanoTime();
		String log;
		WarTraffic traffic;
		try (StandaloneTomcat tomcat = StandaloneTomcat.start(TOMCAT_HOME, WORK.resolve(mode), WAR, THREADS,
				contextParameters)) {
			boolean completed = false;
			try {
				traffic = new WarTraffic(tomcat);
				traffic.rounds(ROUNDS);
				traffic.readBeanCounts(awaitBalancedBeans);
				// end on error pages, so that whatever they leave is still on a thread at undeploy
				traffic.send("fail");
				traffic.send("fail");
				tomcat.undeploy();
				tomcat.stop();
				completed = true;
			}
			finally {
				log = tomcat.log();
				if (!completed) {
					List<String> lines = log.lines().toList();
					System.out.println("Tomcat's log of mode=" + mode + " (the end):");
					lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
				}
			}
		}
		Run run = new Run(traffic, matching(log, "SEVERE", "ThreadLocal", "dev.threadlocal"),
				matching(log, "WARN", "were left on thread"));
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("WAR mode=%s requests=%d threads=%s sawStale=%d nestedLost=%d errorPageSawRequest=%d "
				+ "leakWarnings=%d beans=%d/%d severe=%d seconds=%.1f%n", mode, traffic.requests,
				traffic.containerThreads, traffic.sawStale, traffic.nestedLost, traffic.errorPageSawRequest,
				run.leakWarnings.size(), traffic.beansCreated, traffic.beansDestroyed, run.severe.size(), seconds);
		traffic.problems.stream().limit(3).forEach((problem) -> System.out.println("  " + problem));
		run.severe.stream().limit(1).forEach((line) -> System.out.println("  " + line));
		return run;
	}

	private static List<String> matching(String log, String... parts) {
		return log.lines().filter((line) -> List.of(parts).stream().allMatch(line::contains)).toList();
	}

	private record Run(WarTraffic traffic, List<String> severe, List<String> leakWarnings) {
	}

}
