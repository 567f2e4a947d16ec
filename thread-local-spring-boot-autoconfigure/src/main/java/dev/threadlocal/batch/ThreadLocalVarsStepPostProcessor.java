package dev.threadlocal.batch;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Registers the {@link ThreadLocalVarsStepExecutionListener} on every step bean that is
 * an {@link AbstractStep} (tasklet, chunk-oriented, partition, flow and job steps), after
 * the listeners its builder set, composing with them.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsStepPostProcessor implements BeanPostProcessor {

	private final ThreadLocalVarsStepExecutionListener listener;

	/**
	 * Create a post-processor that registers the given listener.
	 * @param listener the listener to register on step beans
	 */
	public ThreadLocalVarsStepPostProcessor(ThreadLocalVarsStepExecutionListener listener) {
		this.listener = listener;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractStep step) {
			step.registerStepExecutionListener(this.listener);
		}
		return bean;
	}

}
