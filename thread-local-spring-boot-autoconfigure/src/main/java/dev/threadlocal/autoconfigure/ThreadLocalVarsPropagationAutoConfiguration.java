package dev.threadlocal.autoconfigure;

import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.propagation.ThreadLocalVarAccessor;
import dev.threadlocal.propagation.ThreadLocalVarAccessorRegistrar;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that registers a
 * {@link ThreadLocalVarAccessor} with Micrometer's global {@link ContextRegistry} for
 * each name in {@code thread-local.propagation.names}, and removes them when the
 * application context closes.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLocalVarsAutoConfiguration.class)
@ConditionalOnClass(ThreadLocalAccessor.class)
@ConditionalOnBooleanProperty(name = "thread-local.enabled", matchIfMissing = true)
@Conditional(ThreadLocalVarsPropagationAutoConfiguration.OnPropagationNamesCondition.class)
@ConditionalOnSingleCandidate(ThreadLocalVars.class)
@EnableConfigurationProperties(ThreadLocalVarsProperties.class)
public final class ThreadLocalVarsPropagationAutoConfiguration {

	private static final String NAMES_PROPERTY = "thread-local.propagation.names";

	@Bean
	@ConditionalOnMissingBean
	ThreadLocalVarAccessorRegistrar threadLocalVarAccessorRegistrar(ThreadLocalVars threadLocalVars,
			ThreadLocalVarsProperties properties) {
		return new ThreadLocalVarAccessorRegistrar(ContextRegistry.getInstance(), threadLocalVars,
				properties.getPropagation().getNames());
	}

	/**
	 * Matches when {@code thread-local.propagation.names} holds at least one name, in any
	 * form the binder accepts (comma-separated or indexed).
	 */
	static final class OnPropagationNamesCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("Thread-local propagation names");
			List<String> names = Binder.get(context.getEnvironment())
				.bind(NAMES_PROPERTY, Bindable.listOf(String.class))
				.orElse(List.of());
			if (names.isEmpty()) {
				return ConditionOutcome.noMatch(message.didNotFind("property").items(NAMES_PROPERTY));
			}
			return ConditionOutcome.match(message.found("property").items(NAMES_PROPERTY));
		}

	}

}
