package dev.threadlocal.hygiene;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MdcGuard}.
 */
class MdcGuardTests {

	private final MdcGuard guard = new MdcGuard(List.of("user", "tenant"));

	@AfterEach
	void clear() {
		MDC.clear();
	}

	@Test
	void unlistedKeysAreNotPresent() {
		MDC.put("traceId", "abc");
		assertThat(this.guard.isPresent()).isFalse();
	}

	@Test
	void namesListedKeysThatArePresent() {
		MDC.put("tenant", "acme");
		assertThat(this.guard.isPresent()).isTrue();
		assertThat(this.guard.presentKeys()).containsExactly("tenant");
	}

	@Test
	void clearRemovesOnlyListedKeys() {
		MDC.put("user", "nora");
		MDC.put("traceId", "abc");
		this.guard.clear();
		assertThat(MDC.get("user")).isNull();
		assertThat(MDC.get("traceId")).isEqualTo("abc");
	}

	@Test
	void withoutKeysNothingIsEverPresent() {
		MDC.put("user", "nora");
		assertThat(new MdcGuard(List.of()).isPresent()).isFalse();
	}

}
