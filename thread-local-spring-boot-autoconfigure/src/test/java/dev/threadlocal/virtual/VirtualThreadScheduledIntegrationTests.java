package dev.threadlocal.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.threadlocal.virtual.VirtualThreadsApplication.BeanCounts;
import dev.threadlocal.virtual.VirtualThreadsApplication.FixedDelayWorker;
import dev.threadlocal.virtual.VirtualThreadsApplication.FixedRateWorker;
import dev.threadlocal.virtual.VirtualThreadsApplication.ScheduledRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static dev.threadlocal.virtual.VirtualThreadsApplication.SCHEDULED_BEAN;
import static dev.threadlocal.virtual.VirtualThreadsApplication.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Short {@code @Scheduled} tasks run by Spring Boot's task scheduler on virtual threads:
 * every run is a unit of work whose state is destroyed when it ends.
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = VirtualThreadsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
class VirtualThreadScheduledIntegrationTests {

	@Autowired
	private FixedDelayWorker fixedDelayWorker;

	@Autowired
	private FixedRateWorker fixedRateWorker;

	@Autowired
	private BeanCounts counts;

	@Test
	void fixedDelayTaskRunsOnAVirtualThreadInsideABoundary() {
		assertRunOnAVirtualThreadInsideABoundary(recordedRuns(this.fixedDelayWorker));
	}

	@Test
	void everyFixedDelayRunStartsCleanAndKeepsItsOwnState() {
		assertEveryRunStartsCleanAndKeepsItsOwnState(recordedRuns(this.fixedDelayWorker));
	}

	@Test
	void preDestroyRunsAfterEveryFixedDelayRun() {
		assertPreDestroyRanAfterEveryRun(recordedRuns(this.fixedDelayWorker));
	}

	@Test
	void fixedRateTaskRunsOnAVirtualThreadInsideABoundary() {
		assertRunOnAVirtualThreadInsideABoundary(recordedRuns(this.fixedRateWorker));
	}

	@Test
	void everyFixedRateRunStartsCleanAndKeepsItsOwnState() {
		assertEveryRunStartsCleanAndKeepsItsOwnState(recordedRuns(this.fixedRateWorker));
	}

	@Test
	void preDestroyRunsAfterEveryFixedRateRun() {
		assertPreDestroyRanAfterEveryRun(recordedRuns(this.fixedRateWorker));
	}

	private void assertRunOnAVirtualThreadInsideABoundary(List<Map<String, Object>> runs) {
		assertThat(runs).allSatisfy((run) -> assertThat(state(run, "after")).containsEntry("virtual", true)
			.containsEntry("boundary", true));
	}

	private void assertEveryRunStartsCleanAndKeepsItsOwnState(List<Map<String, Object>> runs) {
		List<Object> beans = new ArrayList<>();
		for (Map<String, Object> run : runs) {
			assertThat(state(run, "before")).containsEntry(USER, null).containsEntry(SCHEDULED_BEAN, null);
			assertThat(state(run, "after")).containsEntry(USER, "run-" + run.get("run"))
				.extractingByKey(SCHEDULED_BEAN)
				.isNotNull();
			beans.add(state(run, "after").get(SCHEDULED_BEAN));
		}
		assertThat(beans).doesNotHaveDuplicates();
	}

	private void assertPreDestroyRanAfterEveryRun(List<Map<String, Object>> runs) {
		List<Integer> beans = new ArrayList<>();
		for (Map<String, Object> run : runs) {
			beans.add((Integer) state(run, "after").get(SCHEDULED_BEAN));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(beans)
				.allSatisfy((bean) -> assertThat(this.counts.destructionsOf(bean)).isOne()));
	}

	private static List<Map<String, Object>> recordedRuns(ScheduledRecorder worker) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> worker.getRecorded().size() == ScheduledRecorder.RECORDED_RUNS);
		return List.copyOf(worker.getRecorded());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> state(Map<String, Object> run, String key) {
		return (Map<String, Object>) run.get(key);
	}

}
