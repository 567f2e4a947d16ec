package dev.threadlocal.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.hygiene.LocaleContextGuard;
import dev.threadlocal.hygiene.ManagedThreadLocal;
import dev.threadlocal.hygiene.MdcGuard;
import dev.threadlocal.hygiene.RequestAttributesGuard;
import dev.threadlocal.hygiene.SecurityContextGuard;
import dev.threadlocal.hygiene.ThreadLocalsGuard;
import dev.threadlocal.hygiene.ThreadStateGuard;
import dev.threadlocal.hygiene.TransactionSynchronizationGuard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the built-in
 * {@link ThreadStateGuard}s that every outermost boundary of {@link ThreadLocalVars}
 * checks: the application's own thread-locals, MDC keys, and Spring's security, locale,
 * request and transaction holders.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "thread-local", name = { "enabled", "hygiene.enabled" }, matchIfMissing = true)
@EnableConfigurationProperties(ThreadLocalVarsProperties.class)
public final class ThreadLocalVarsHygieneAutoConfiguration {

	private static final String THREAD_LOCALS_PROPERTY = "thread-local.hygiene.thread-locals";

	@Bean
	@ConditionalOnMissingBean
	ThreadLocalsGuard threadLocalsGuard(ThreadLocalVarsProperties properties,
			ObjectProvider<ManagedThreadLocal> managedThreadLocals, ResourceLoader resourceLoader) {
		List<ManagedThreadLocal> threadLocals = new ArrayList<>(managedThreadLocals.orderedStream().toList());
		List<String> references = properties.getHygiene().getThreadLocals();
		for (int i = 0; i < references.size(); i++) {
			String reference = references.get(i);
			try {
				threadLocals.add(ManagedThreadLocal.ofStaticField(reference, resourceLoader.getClassLoader()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(THREAD_LOCALS_PROPERTY + "[" + i + "]", reference,
						ex.getMessage());
			}
		}
		return new ThreadLocalsGuard(threadLocals);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "thread-local.hygiene.locale-context", matchIfMissing = true)
	@ConditionalOnMissingBean
	LocaleContextGuard localeContextGuard() {
		return new LocaleContextGuard();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.slf4j.MDC")
	static class MdcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MdcGuard mdcGuard(ThreadLocalVarsProperties properties) {
			return new MdcGuard(properties.getHygiene().getMdcKeys());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	@ConditionalOnBooleanProperty(name = "thread-local.hygiene.security-context", matchIfMissing = true)
	static class SecurityContextConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecurityContextGuard securityContextGuard() {
			return new SecurityContextGuard();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.context.request.RequestContextHolder")
	@ConditionalOnBooleanProperty(name = "thread-local.hygiene.request-attributes", matchIfMissing = true)
	static class RequestAttributesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestAttributesGuard requestAttributesGuard() {
			return new RequestAttributesGuard();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
	@ConditionalOnBooleanProperty(name = "thread-local.hygiene.transaction-synchronization", matchIfMissing = true)
	static class TransactionSynchronizationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TransactionSynchronizationGuard transactionSynchronizationGuard() {
			return new TransactionSynchronizationGuard();
		}

	}

}
