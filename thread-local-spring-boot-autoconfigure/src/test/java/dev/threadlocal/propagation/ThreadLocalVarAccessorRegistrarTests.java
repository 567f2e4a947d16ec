package dev.threadlocal.propagation;

import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ThreadLocalVarAccessorRegistrar}.
 */
class ThreadLocalVarAccessorRegistrarTests {

	private final ContextRegistry registry = new ContextRegistry();

	private final ThreadLocalVars vars = new ThreadLocalVars();

	@Test
	void registersOneAccessorPerDistinctName() {
		ThreadLocalVarAccessorRegistrar registrar = new ThreadLocalVarAccessorRegistrar(this.registry, this.vars,
				List.of("tenant", "user", "tenant"));
		registrar.afterPropertiesSet();
		assertThat(this.registry.getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.containsExactly("threadlocal.tenant", "threadlocal.user");
		assertThat(this.registry.getThreadLocalAccessors()).containsExactlyElementsOf(registrar.getAccessors());
		assertThat(registrar.getAccessors()).allSatisfy(
				(accessor) -> assertThat(accessor.getThreadLocalVars()).isSameAs(this.vars));
	}

	@Test
	void destroyRemovesItsAccessorsAndLeavesOthers() {
		this.registry.registerThreadLocalAccessor("other", () -> "value", (value) -> {
		}, () -> {
		});
		ThreadLocalVarAccessorRegistrar registrar = new ThreadLocalVarAccessorRegistrar(this.registry, this.vars,
				List.of("tenant"));
		registrar.afterPropertiesSet();
		registrar.destroy();
		assertThat(this.registry.getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.containsExactly("other");
	}

	@Test
	void destroyLeavesAnAccessorRegisteredLaterForTheSameKey() {
		ThreadLocalVarAccessorRegistrar first = new ThreadLocalVarAccessorRegistrar(this.registry, this.vars,
				List.of("tenant"));
		ThreadLocalVarAccessorRegistrar second = new ThreadLocalVarAccessorRegistrar(this.registry,
				new ThreadLocalVars(), List.of("tenant"));
		first.afterPropertiesSet();
		second.afterPropertiesSet();
		assertThat(this.registry.getThreadLocalAccessors()).containsExactlyElementsOf(second.getAccessors());
		first.destroy();
		assertThat(this.registry.getThreadLocalAccessors()).containsExactlyElementsOf(second.getAccessors());
		second.destroy();
		assertThat(this.registry.getThreadLocalAccessors()).isEmpty();
	}

	@Test
	void rejectsNoNamesAndBlankNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ThreadLocalVarAccessorRegistrar(this.registry, this.vars, List.of()))
			.withMessageContaining("'names'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ThreadLocalVarAccessorRegistrar(this.registry, this.vars, List.of("tenant", " ")))
			.withMessageContaining("'names' must not contain a null or blank name");
	}

}
