package dev.threadlocal.hygiene;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocaleContextGuard}, {@link RequestAttributesGuard} and
 * {@link TransactionSynchronizationGuard}.
 */
class SpringHoldersGuardTests {

	@AfterEach
	void reset() {
		LocaleContextHolder.resetLocaleContext();
		RequestContextHolder.resetRequestAttributes();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
		TransactionSynchronizationManager.clear();
		TransactionSynchronizationManager.getResourceMap()
			.keySet()
			.forEach(TransactionSynchronizationManager::unbindResourceIfPossible);
	}

	@Test
	void localeContextIsPresentUntilCleared() {
		LocaleContextGuard guard = new LocaleContextGuard();
		assertThat(guard.isPresent()).isFalse();
		LocaleContextHolder.setLocale(Locale.FRENCH);
		assertThat(guard.isPresent()).isTrue();
		assertThat(guard.presentKeys()).containsExactly("locale-context");
		guard.clear();
		assertThat(LocaleContextHolder.getLocaleContext()).isNull();
	}

	@Test
	void inheritableLocaleContextIsPresent() {
		LocaleContextHolder.setLocale(Locale.FRENCH, true);
		assertThat(new LocaleContextGuard().isPresent()).isTrue();
	}

	@Test
	void requestAttributesArePresentUntilCleared() {
		RequestAttributesGuard guard = new RequestAttributesGuard();
		assertThat(guard.isPresent()).isFalse();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		assertThat(guard.isPresent()).isTrue();
		assertThat(guard.presentKeys()).containsExactly("request-attributes");
		guard.clear();
		assertThat(RequestContextHolder.getRequestAttributes()).isNull();
	}

	@Test
	void transactionStateIsNamedByKindAndKeyClassNeverByKey() {
		TransactionSynchronizationGuard guard = new TransactionSynchronizationGuard();
		assertThat(guard.isPresent()).isFalse();
		TransactionSynchronizationManager.bindResource(new StringBuilder("jdbc:secret-url"), "connection");
		TransactionSynchronizationManager.initSynchronization();
		TransactionSynchronizationManager.setCurrentTransactionName("com.acme.Service.secretMethod");
		assertThat(guard.isPresent()).isTrue();
		assertThat(guard.presentKeys()).containsExactly("resource:java.lang.StringBuilder", "synchronization",
				"transaction-name");
		guard.clear();
		assertThat(guard.isPresent()).isFalse();
		assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
	}

	@Test
	void onlyATransactionNameIsPresent() {
		TransactionSynchronizationManager.setCurrentTransactionName("tx");
		assertThat(new TransactionSynchronizationGuard().isPresent()).isTrue();
	}

}
