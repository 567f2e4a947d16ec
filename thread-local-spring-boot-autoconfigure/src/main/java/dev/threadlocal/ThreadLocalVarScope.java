package dev.threadlocal;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.Scope;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link Scope} that keeps one bean instance per thread as a variable of
 * {@link ThreadLocalVars}, so that {@link ThreadLocalVars#clear()} destroys it.
 * <p>
 * Unlike Spring's {@code SimpleThreadScope}, destruction callbacks ({@code @PreDestroy},
 * {@code DisposableBean}) run when the thread's variables are cleared, deleted or replaced.
 *
 * @since 0.1.0
 * @see ThreadLocalScope
 */
public class ThreadLocalVarScope implements Scope {

	/**
	 * Name under which the scope is registered.
	 */
	public static final String SCOPE_NAME = "threadlocal";

	private final Supplier<ThreadLocalVars> threadLocalVars;

	/**
	 * Create a scope backed by its own {@link ThreadLocalVars}.
	 */
	public ThreadLocalVarScope() {
		this(new ThreadLocalVars());
	}

	/**
	 * Create a scope backed by the given {@link ThreadLocalVars}.
	 * @param threadLocalVars the variables that hold the scoped beans
	 */
	public ThreadLocalVarScope(ThreadLocalVars threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = () -> threadLocalVars;
	}

	/**
	 * Create a scope backed by the {@link ThreadLocalVars} that the supplier returns the
	 * first time the scope is used, for example a bean of the application context.
	 * @param threadLocalVars supplies the variables that hold the scoped beans
	 */
	public ThreadLocalVarScope(Supplier<? extends ThreadLocalVars> threadLocalVars) {
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		this.threadLocalVars = SingletonSupplier.of(threadLocalVars::get);
	}

	/**
	 * Return the variables that hold this scope's beans.
	 * @return the thread-local variables
	 */
	public ThreadLocalVars getThreadLocalVars() {
		return this.threadLocalVars.get();
	}

	/**
	 * Return the current thread's bean, creating it with the object factory if absent.
	 * @throws IllegalArgumentException if the object factory is {@code null}, even when
	 * the bean exists; nothing changes
	 */
	@Override
	public Object get(String name, ObjectFactory<?> objectFactory) {
		return getThreadLocalVars().getOrCreate(name, (objectFactory != null) ? objectFactory::getObject : null);
	}

	@Override
	public @Nullable Object remove(String name) {
		return getThreadLocalVars().remove(name);
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback) {
		getThreadLocalVars().registerDestructionCallback(name, callback);
	}

	@Override
	public @Nullable Object resolveContextualObject(String key) {
		return null;
	}

	@Override
	public String getConversationId() {
		return String.valueOf(ThreadDescription.currentId());
	}

}
