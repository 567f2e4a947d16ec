package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ThreadLocalVarsTaskDecorator}.
 */
class ThreadLocalVarsTaskDecoratorTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final ThreadLocalVarsTaskDecorator decorator = new ThreadLocalVarsTaskDecorator(this.vars);

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void taskRunsInsideATaskBoundaryAndTheThreadIsClearedAfterwards() {
		Runnable task = this.decorator.decorate(() -> {
			assertThat(this.vars.isInBoundary()).isTrue();
			this.vars.set("job", "report");
			this.vars.registerDestructionCallback("job", () -> this.events.add("job destroyed"));
		});
		task.run();
		assertThat(this.events).containsExactly("job destroyed");
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.getOrCreate("job", () -> "absent")).isEqualTo("absent");
	}

	@Test
	void failingTaskStillClearsTheThread() {
		Runnable task = this.decorator.decorate(() -> {
			this.vars.set("job", "report");
			this.vars.registerDestructionCallback("job", () -> this.events.add("job destroyed"));
			throw new IllegalStateException("job failed");
		});
		assertThatIllegalStateException().isThrownBy(task::run).withMessage("job failed");
		assertThat(this.events).containsExactly("job destroyed");
	}

	@Test
	void taskStartsWithoutWhatAnEarlierUnboundedUseLeftOnTheThread() {
		this.vars.set("user", "left over");
		List<String> seen = new ArrayList<>();
		this.decorator.decorate(() -> seen.add(this.vars.getOrCreate("user", () -> "fresh"))).run();
		assertThat(seen).containsExactly("fresh");
		assertThat(this.vars.getLeaksDetected()).isOne();
	}

}
