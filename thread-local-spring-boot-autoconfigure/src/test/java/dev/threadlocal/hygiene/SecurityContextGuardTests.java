package dev.threadlocal.hygiene;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecurityContextGuard}.
 */
class SecurityContextGuardTests {

	private final SecurityContextGuard guard = new SecurityContextGuard();

	@AfterEach
	void reset() {
		SecurityContextHolder.clearContext();
		SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_THREADLOCAL);
	}

	@Test
	void authenticationIsPresentAndNamedWithoutItsPrincipal() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("nora", "secret"));
		assertThat(this.guard.isPresent()).isTrue();
		assertThat(this.guard.presentKeys()).containsExactly("authentication");
	}

	@Test
	void checkingAnEmptyThreadLeavesNoContextBehind() {
		assertThat(this.guard.isPresent()).isFalse();
		SecurityContext first = SecurityContextHolder.getContext();
		SecurityContextHolder.clearContext();
		assertThat(this.guard.isPresent()).isFalse();
		assertThat(SecurityContextHolder.getContext()).isNotSameAs(first);
	}

	@Test
	void clearRemovesTheContext() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("nora", "secret"));
		this.guard.clear();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void inheritableThreadLocalStrategyIsGuarded() {
		SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_INHERITABLETHREADLOCAL);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("nora", "secret"));
		assertThat(this.guard.isPresent()).isTrue();
	}

	@Test
	void globalStrategyIsNotGuarded() {
		SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_GLOBAL);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("nora", "secret"));
		assertThat(this.guard.isPresent()).isFalse();
		this.guard.clear();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
	}

}
