package dev.threadlocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.scheduling.SchedulingAwareRunnable;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ThreadLocalVarsSchedulingConfigurer}.
 */
class ThreadLocalVarsSchedulingConfigurerTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final ThreadLocalVarsSchedulingConfigurer configurer = new ThreadLocalVarsSchedulingConfigurer(
			new ThreadLocalVarsTaskDecorator(this.vars));

	private final TaskScheduler scheduler = mock(TaskScheduler.class);

	private final ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

	@Test
	void fixedDelayTasksRunInsideABoundary() {
		this.registrar.setTaskScheduler(this.scheduler);
		this.configurer.configureTasks(this.registrar);
		List<Boolean> inBoundary = new ArrayList<>();
		this.registrar.getScheduler().scheduleWithFixedDelay(() -> {
			inBoundary.add(this.vars.isInBoundary());
			this.vars.set("run", "state");
		}, Duration.ofSeconds(1));
		ArgumentCaptor<Runnable> scheduled = ArgumentCaptor.forClass(Runnable.class);
		then(this.scheduler).should().scheduleWithFixedDelay(scheduled.capture(), any(Duration.class));
		scheduled.getValue().run();
		assertThat(inBoundary).containsExactly(true);
		assertThat(this.vars.isInBoundary()).isFalse();
		assertThat(this.vars.getOrCreate("run", () -> "fresh")).isEqualTo("fresh");
		this.vars.clear();
	}

	@Test
	void decoratedFixedDelayTaskKeepsItsSchedulerQualifier() {
		this.registrar.setTaskScheduler(this.scheduler);
		this.configurer.configureTasks(this.registrar);
		SchedulingAwareRunnable task = new SchedulingAwareRunnable() {

			@Override
			public void run() {
			}

			@Override
			public String getQualifier() {
				return "reports";
			}

			@Override
			public boolean isLongLived() {
				return true;
			}

		};
		this.registrar.getScheduler().scheduleWithFixedDelay(task, Duration.ofSeconds(1));
		ArgumentCaptor<Runnable> scheduled = ArgumentCaptor.forClass(Runnable.class);
		then(this.scheduler).should().scheduleWithFixedDelay(scheduled.capture(), any(Duration.class));
		assertThat(scheduled.getValue()).isInstanceOfSatisfying(SchedulingAwareRunnable.class, (aware) -> {
			assertThat(aware.getQualifier()).isEqualTo("reports");
			assertThat(aware.isLongLived()).isTrue();
		});
	}

	@Test
	void otherTasksArePassedAsTheyAre() {
		this.registrar.setTaskScheduler(this.scheduler);
		this.configurer.configureTasks(this.registrar);
		Runnable task = () -> {
		};
		this.registrar.getScheduler().scheduleAtFixedRate(task, Duration.ofSeconds(1));
		then(this.scheduler).should().scheduleAtFixedRate(task, Duration.ofSeconds(1));
	}

	@Test
	void wrapsTheSchedulerOnlyOnce() {
		this.registrar.setTaskScheduler(this.scheduler);
		this.configurer.configureTasks(this.registrar);
		TaskScheduler wrapped = this.registrar.getScheduler();
		this.configurer.configureTasks(this.registrar);
		assertThat(this.registrar.getScheduler()).isSameAs(wrapped).isNotSameAs(this.scheduler);
	}

	@Test
	void leavesARegistrarWithoutSchedulerAlone() {
		this.configurer.configureTasks(this.registrar);
		assertThat(this.registrar.getScheduler()).isNull();
	}

}
