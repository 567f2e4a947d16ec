package dev.threadlocal.actuate;

import java.util.List;
import java.util.Map;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.LeakDetection;
import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint.BoundaryDescriptor;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint.CountersDescriptor;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint.ThreadLocalVarsDescriptor;
import dev.threadlocal.actuate.ThreadLocalVarsEndpoint.ThreadStateLeaksDescriptor;
import dev.threadlocal.hygiene.ThreadStateGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ThreadLocalVarsEndpoint}.
 */
class ThreadLocalVarsEndpointTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void describesTheConfigurationOfTheVariablesAndTheGivenSettings() {
		this.vars.setLeakDetection(LeakDetection.FAIL);
		this.vars.setStrict(true);
		ThreadLocalVarsDescriptor descriptor = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory,
				Map.of("thread-local.filter.enabled", true))
			.threadLocalVars();
		assertThat(descriptor.leakDetection()).isEqualTo(LeakDetection.FAIL);
		assertThat(descriptor.strict()).isTrue();
		assertThat(descriptor.settings()).containsExactly(Map.entry("thread-local.filter.enabled", true));
	}

	@Test
	void describesTheRegisteredScope() {
		this.beanFactory.registerScope(ThreadLocalVarScope.SCOPE_NAME, new ThreadLocalVarScope(this.vars));
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		assertThat(endpoint.threadLocalVars().scope().name()).isEqualTo("threadlocal");
		assertThat(endpoint.threadLocalVars().scope().registered()).isTrue();
		assertThat(endpoint.threadLocalVars().scope().type()).isEqualTo(ThreadLocalVarScope.class.getName());
	}

	@Test
	void describesAMissingScope() {
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		assertThat(endpoint.threadLocalVars().scope().registered()).isFalse();
		assertThat(endpoint.threadLocalVars().scope().type()).isNull();
	}

	@Test
	void countsWhatHappensToTheVariablesFromItsCreation() {
		this.vars.set("before", "endpoint");
		this.vars.clear();
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		this.vars.set("left", "over");
		try (ThreadLocalVars.Boundary request = this.vars.openBoundary(BoundaryKind.REQUEST)) {
			this.vars.set("a", "1");
			this.vars.set("b", "2");
			this.vars.registerDestructionCallback("b", () -> {
				throw new IllegalStateException("callback failed");
			});
		}
		this.vars.runScoped(() -> this.vars.set("c", "3"));
		CountersDescriptor counters = endpoint.threadLocalVars().counters();
		assertThat(counters.variablesCreated()).isEqualTo(4);
		assertThat(counters.variablesDestroyed()).isEqualTo(4);
		assertThat(counters.destructionCallbacksFailed()).isEqualTo(1);
		assertThat(counters.leaksDetected()).isEqualTo(1).isEqualTo(this.vars.getLeaksDetected());
		assertThat(counters.boundaries()).containsExactly(Map.entry("request", new BoundaryDescriptor(1, 2, 1)),
				Map.entry("task", new BoundaryDescriptor(0, 0, 0)),
				Map.entry("boundary", new BoundaryDescriptor(1, 1, 0)), Map.entry("listener", new BoundaryDescriptor(0, 0, 0)),
				Map.entry("event", new BoundaryDescriptor(0, 0, 0)), Map.entry("step", new BoundaryDescriptor(0, 0, 0)));
	}

	@Test
	void countsListenerEventAndStepBoundariesByTheirTagValue() {
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.LISTENER)) {
			this.vars.set("a", "1");
		}
		this.vars.openBoundary(BoundaryKind.EVENT).close();
		this.vars.set("left", "over");
		this.vars.openBoundary(BoundaryKind.STEP).close();
		CountersDescriptor counters = endpoint.threadLocalVars().counters();
		assertThat(counters.boundaries()).containsEntry("listener", new BoundaryDescriptor(1, 1, 0))
			.containsEntry("event", new BoundaryDescriptor(1, 0, 0))
			.containsEntry("step", new BoundaryDescriptor(1, 0, 1));
	}

	@Test
	void countsThreadStateLeaksByGuardAndPhaseNeverByKey() {
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		ThreadLocal<String> state = new ThreadLocal<>();
		this.vars.setGuards(List.of(new ThreadLocalGuard(state)));
		try (ThreadLocalVars.Boundary boundary = this.vars.openBoundary(BoundaryKind.TASK)) {
			state.set("secret-value");
		}
		state.set("secret-value");
		this.vars.openBoundary(BoundaryKind.TASK).close();
		ThreadLocalVarsDescriptor descriptor = endpoint.threadLocalVars();
		assertThat(descriptor.threadStateLeaks()).containsExactly(Map.entry("test", new ThreadStateLeaksDescriptor(1, 1)));
		assertThat(descriptor.toString()).doesNotContain("secret-value", "secret-key");
	}

	@Test
	void neverDescribesAVariableNameOrValue() {
		ThreadLocalVarsEndpoint endpoint = new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, Map.of());
		this.vars.runScoped(() -> {
			this.vars.set("user-name", "secret-value");
			assertThat(endpoint.threadLocalVars().toString()).doesNotContain("user-name", "secret-value");
		});
		assertThat(endpoint.threadLocalVars().toString()).doesNotContain("user-name", "secret-value");
	}

	@Test
	void rejectsNullArguments() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ThreadLocalVarsEndpoint(null, this.beanFactory, Map.of()))
			.withMessage("'threadLocalVars' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new ThreadLocalVarsEndpoint(this.vars, null, Map.of()))
			.withMessage("'beanFactory' must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ThreadLocalVarsEndpoint(this.vars, this.beanFactory, null))
			.withMessage("'settings' must not be null");
	}

	private record ThreadLocalGuard(ThreadLocal<String> state) implements ThreadStateGuard {

		@Override
		public String getName() {
			return "test";
		}

		@Override
		public boolean isPresent() {
			return this.state.get() != null;
		}

		@Override
		public List<String> presentKeys() {
			return List.of("secret-key");
		}

		@Override
		public void clear() {
			this.state.remove();
		}

	}

}
