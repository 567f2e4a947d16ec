package dev.threadlocal.kafka;

import java.util.function.Supplier;

import dev.threadlocal.ThreadLocalVars;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.Assert;

/**
 * {@link BeanPostProcessor} that decorates the record and batch interceptors of every
 * {@link AbstractKafkaListenerContainerFactory} bean, Spring Boot's and the application's,
 * with a {@link ThreadLocalVarsRecordInterceptor} and a
 * {@link ThreadLocalVarsBatchInterceptor}. The interceptors the factory already has
 * (Spring Boot sets a unique {@code RecordInterceptor} or {@code BatchInterceptor} bean)
 * keep running, inside the boundary; nothing is registered as a bean.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor implements BeanPostProcessor {

	private final Supplier<ThreadLocalVars> threadLocalVars;

	/**
	 * Create a post-processor that gets the variables when it decorates the first factory.
	 * @param threadLocalVars supplies the variables to clear
	 */
	public ThreadLocalVarsKafkaListenerContainerFactoryPostProcessor(Supplier<ThreadLocalVars> threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			decorate(factory);
		}
		return bean;
	}

	private <K, V> void decorate(AbstractKafkaListenerContainerFactory<?, K, V> factory) {
		RecordInterceptor<K, V> recordInterceptor = factory.getRecordInterceptor();
		BatchInterceptor<K, V> batchInterceptor = factory.getBatchInterceptor();
		if (!(recordInterceptor instanceof ThreadLocalVarsRecordInterceptor)) {
			factory.setRecordInterceptor(new ThreadLocalVarsRecordInterceptor<>(this.threadLocalVars.get(),
					recordInterceptor));
		}
		if (!(batchInterceptor instanceof ThreadLocalVarsBatchInterceptor)) {
			factory.setBatchInterceptor(new ThreadLocalVarsBatchInterceptor<>(this.threadLocalVars.get(),
					batchInterceptor));
		}
	}

}
