package dev.threadlocal.hygiene;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ThreadLocalsGuard}.
 */
class ThreadLocalsGuardTests {

	private static final ThreadLocal<String> OTHER = new ThreadLocal<>();

	private final ThreadLocalsGuard guard = new ThreadLocalsGuard(
			List.of(ManagedThreadLocal.of("tenant", TenantContext.CURRENT), ManagedThreadLocal.of("other", OTHER)));

	@AfterEach
	void clear() {
		TenantContext.CURRENT.remove();
		OTHER.remove();
	}

	@Test
	void nothingIsPresentOnACleanThread() {
		assertThat(this.guard.isPresent()).isFalse();
	}

	@Test
	void namesWhatIsPresentNeverTheValue() {
		OTHER.set("secret");
		assertThat(this.guard.isPresent()).isTrue();
		assertThat(this.guard.presentKeys()).containsExactly("other");
	}

	@Test
	void clearRemovesEveryThreadLocal() {
		TenantContext.CURRENT.set("acme");
		OTHER.set("secret");
		this.guard.clear();
		assertThat(TenantContext.CURRENT.get()).isNull();
		assertThat(OTHER.get()).isNull();
		assertThat(this.guard.isPresent()).isFalse();
	}

	@Test
	void isClearedAtTheEndOfEveryBoundary() {
		assertThat(this.guard.isClearedAtEnd()).isTrue();
		assertThat(this.guard.getName()).isEqualTo("thread-locals");
	}

}
