package dev.threadlocal.kafka;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.util.Assert;

/**
 * {@link BatchInterceptor} that runs each batch of a batch listener inside a
 * {@link BoundaryKind#LISTENER listener boundary}, around the interceptor it decorates.
 * <p>
 * The boundary opens in {@link #intercept} before the decorated interceptor's, and ends
 * in {@link #success} or {@link #failure} after it; also when the decorated interceptor
 * throws or skips the batch. Each retry of the batch by the error handler is a new unit of
 * work. The next batch's {@code intercept} or the {@link #clearThreadState clearThreadState}
 * that ends every poll ends a boundary that the container left open.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1.0
 */
public class ThreadLocalVarsBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final ListenerBoundaries boundaries;

	private final @Nullable BatchInterceptor<K, V> delegate;

	/**
	 * Create an interceptor that opens a boundary around each batch and calls the given
	 * interceptor inside it.
	 * @param threadLocalVars the variables to clear
	 * @param delegate the interceptor the factory already had, or {@code null}
	 */
	public ThreadLocalVarsBatchInterceptor(ThreadLocalVars threadLocalVars,
			@Nullable BatchInterceptor<K, V> delegate) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.boundaries = new ListenerBoundaries(threadLocalVars, "Kafka batch boundary");
		this.delegate = delegate;
	}

	/**
	 * Return the interceptor this one decorates.
	 * @return the decorated interceptor, or {@code null}
	 */
	public @Nullable BatchInterceptor<K, V> getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		this.boundaries.open();
		if (this.delegate == null) {
			return records;
		}
		ConsumerRecords<K, V> intercepted;
		try {
			intercepted = this.delegate.intercept(records, consumer);
		}
		catch (RuntimeException | Error ex) {
			this.boundaries.close(); // the container calls neither success nor failure
			throw ex;
		}
		if (intercepted == null) {
			this.boundaries.close(); // skipped: neither success nor failure follows
		}
		return intercepted;
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.success(records, consumer);
			}
		}
		finally {
			this.boundaries.close();
		}
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.failure(records, exception, consumer);
			}
		}
		finally {
			this.boundaries.close();
		}
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		if (this.delegate != null) {
			this.delegate.setupThreadState(consumer);
		}
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.clearThreadState(consumer);
			}
		}
		finally {
			this.boundaries.close();
		}
	}

}
