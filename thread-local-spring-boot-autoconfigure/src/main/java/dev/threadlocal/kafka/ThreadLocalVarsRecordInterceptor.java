package dev.threadlocal.kafka;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.Assert;

/**
 * {@link RecordInterceptor} that runs each record of a record listener inside a
 * {@link BoundaryKind#LISTENER listener boundary}, around the interceptor it decorates.
 * <p>
 * The boundary opens in {@link #intercept} before the decorated interceptor's, and ends
 * in {@link #afterRecord} after it, so it covers the listener, the error handler and, with
 * transactions, the commit or rollback. A new delivery of the record (a retry of the
 * {@code DefaultErrorHandler}) is a new unit of work. When the container skips
 * {@code afterRecord} (an {@link Error}, a fenced producer), the next record's
 * {@code intercept} or the {@link #clearThreadState clearThreadState} that ends every
 * poll ends the boundary.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1.0
 */
public class ThreadLocalVarsRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final ListenerBoundaries boundaries;

	private final @Nullable RecordInterceptor<K, V> delegate;

	/**
	 * Create an interceptor that opens a boundary around each record and calls the given
	 * interceptor inside it.
	 * @param threadLocalVars the variables to clear
	 * @param delegate the interceptor the factory already had, or {@code null}
	 */
	public ThreadLocalVarsRecordInterceptor(ThreadLocalVars threadLocalVars,
			@Nullable RecordInterceptor<K, V> delegate) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.boundaries = new ListenerBoundaries(threadLocalVars, "Kafka record boundary");
		this.delegate = delegate;
	}

	/**
	 * Return the interceptor this one decorates.
	 * @return the decorated interceptor, or {@code null}
	 */
	public @Nullable RecordInterceptor<K, V> getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.boundaries.open();
		return (this.delegate != null) ? this.delegate.intercept(record, consumer) : record;
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.success(record, consumer);
		}
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.failure(record, exception, consumer);
		}
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.afterRecord(record, consumer);
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
