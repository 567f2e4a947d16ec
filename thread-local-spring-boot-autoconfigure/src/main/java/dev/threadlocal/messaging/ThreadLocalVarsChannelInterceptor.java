package dev.threadlocal.messaging;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalVars;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.util.Assert;

/**
 * {@link ExecutorChannelInterceptor} that runs the handling of each message inside a
 * {@link BoundaryKind#LISTENER listener boundary}, on the thread that handles it,
 * whichever executor the channel has.
 * <p>
 * The boundary opens in {@link #beforeHandle} and ends in {@link #afterMessageHandled},
 * which the channel calls whether the handler returned or threw. Inside an enclosing
 * boundary (a task of Spring Boot's executor) it joins that one.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarsChannelInterceptor implements ExecutorChannelInterceptor {

	private final ThreadLocalVars threadLocalVars;

	private final ThreadLocal<ThreadLocalVars.Boundary> boundary = new NamedThreadLocal<>(
			"Thread-local variables message boundary");

	/**
	 * Create an interceptor that opens a boundary of the given variables around the
	 * handling of each message.
	 * @param threadLocalVars the variables to clear
	 */
	public ThreadLocalVarsChannelInterceptor(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = threadLocalVars;
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		this.boundary.set(this.threadLocalVars.openBoundary(BoundaryKind.LISTENER));
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		ThreadLocalVars.Boundary opened = this.boundary.get();
		this.boundary.remove();
		if (opened != null) {
			opened.close();
		}
	}

}
