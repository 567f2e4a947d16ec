package dev.threadlocal.autoconfigure;

import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.batch.ThreadLocalVarsStepExecutionListener;
import dev.threadlocal.batch.ThreadLocalVarsStepPostProcessor;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that runs every Spring Batch step
 * bean inside a boundary.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ThreadLocalVarsAutoConfiguration.class)
@ConditionalOnClass(AbstractStep.class)
@ConditionalOnBooleanProperty(name = "thread-local.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "thread-local.listener.batch.enabled", matchIfMissing = true)
public final class ThreadLocalVarsBatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ThreadLocalVarsStepPostProcessor threadLocalVarsStepPostProcessor(
			ObjectProvider<ThreadLocalVars> threadLocalVars) {
		return new ThreadLocalVarsStepPostProcessor(new ThreadLocalVarsStepExecutionListener(threadLocalVars::getObject));
	}

}
