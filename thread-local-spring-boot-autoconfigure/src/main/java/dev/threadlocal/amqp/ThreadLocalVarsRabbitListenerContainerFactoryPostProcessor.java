package dev.threadlocal.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.threadlocal.ThreadLocalVars;
import org.aopalliance.aop.Advice;

import org.springframework.amqp.rabbit.config.AbstractRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.StatelessRetryOperationsInterceptor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.Assert;

/**
 * {@link BeanPostProcessor} that appends a {@link ThreadLocalVarsListenerAdvice} to the
 * advice chain of every {@link AbstractRabbitListenerContainerFactory} bean (simple and
 * direct containers), Spring Boot's and the application's. At the end of the chain it runs
 * inside Spring Boot's retry interceptor and any advice of the application, so each
 * attempt is its own unit of work. The advice already in the chain keeps its place; a
 * {@link StatelessRetryOperationsInterceptor} is decorated so that its retries run the
 * rest of the chain again instead of skipping it.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor implements BeanPostProcessor {

	private final Supplier<ThreadLocalVars> threadLocalVars;

	/**
	 * Create a post-processor that gets the variables when it decorates the first factory.
	 * @param threadLocalVars supplies the variables to clear
	 */
	public ThreadLocalVarsRabbitListenerContainerFactoryPostProcessor(Supplier<ThreadLocalVars> threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractRabbitListenerContainerFactory<?> factory) {
			decorate(factory);
		}
		return bean;
	}

	private void decorate(AbstractRabbitListenerContainerFactory<?> factory) {
		Advice[] existing = factory.getAdviceChain();
		List<Advice> chain = new ArrayList<>();
		if (existing != null) {
			for (Advice advice : existing) {
				if (advice instanceof ThreadLocalVarsListenerAdvice) {
					return; // already decorated
				}
				chain.add((advice instanceof StatelessRetryOperationsInterceptor retry)
						? new RepeatableProceedInterceptor(retry) : advice);
			}
		}
		chain.add(new ThreadLocalVarsListenerAdvice(this.threadLocalVars.get()));
		factory.setAdviceChain(chain.toArray(new Advice[0]));
	}

}
