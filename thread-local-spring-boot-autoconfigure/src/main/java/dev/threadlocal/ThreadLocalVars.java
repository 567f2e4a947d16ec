package dev.threadlocal;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;
import org.springframework.util.ClassUtils;

/**
 * Named variables of the current thread, created on demand and destroyed with their
 * destruction callbacks when deleted, replaced or cleared.
 * <p>
 * Every thread sees only its own variables; reads and writes take no lock shared between
 * threads. Absent and {@code null} are the same thing: {@code null} is never stored.
 * Beans of the {@link ThreadLocalVarScope threadlocal scope} are kept as variables of the
 * same store, so {@link #clear()} destroys them too.
 *
 * @since 0.1.0
 */
public class ThreadLocalVars {

	private static final Log logger = LogFactory.getLog(ThreadLocalVars.class);

	/**
	 * Upper bound on the variables one {@link #clear()} destroys, so that destruction
	 * callbacks that keep creating variables cannot loop forever.
	 */
	private static final int MAX_DESTROYED_PER_CLEAR = 100_000;

	private final ThreadLocal<ThreadVariables> variables = new NamedThreadLocal<>("Thread-local variables");

	/**
	 * Return the current thread's value of the variable, creating and storing it with
	 * the factory if it is absent. The factory runs at most once per thread while the
	 * value lives and may itself create other variables.
	 * @param <T> the type of the value
	 * @param name the name of the variable
	 * @param factory creates the value when it is absent; must not return {@code null}
	 * @return the value, never {@code null}
	 * @throws IllegalArgumentException if the name is {@code null} or blank, or the
	 * factory is {@code null}
	 * @throws IllegalStateException if the factory returns {@code null} or the variable is
	 * already being created on this thread; nothing is stored
	 */
	@SuppressWarnings("unchecked")
	public <T> T getOrCreate(String name, Supplier<? extends T> factory) {
		assertName(name);
		if (factory == null) {
			throw new IllegalArgumentException(
					"Factory for thread-local variable '" + name + "' on " + ThreadDescription.current()
							+ " must not be null");
		}
		ThreadVariables variables = this.variables.get();
		Object value = (variables != null) ? variables.getValue(name) : null;
		return (value != null) ? (T) value : create(name, factory);
	}

	private <T> T create(String name, Supplier<? extends T> factory) {
		ThreadVariables variables = currentOrNewVariables();
		if (variables.isCreating(name)) {
			detachIfUnused(variables);
			throw new IllegalStateException("Thread-local variable '" + name + "' is already being created on "
					+ ThreadDescription.current() + ": its factory needs the variable itself");
		}
		int callbackCountBefore = variables.callbackCount(name);
		variables.beginCreation(name);
		T value;
		try {
			value = factory.get();
		}
		catch (RuntimeException | Error ex) {
			rollbackCreation(variables, name, callbackCountBefore);
			CreationContext.addTo(ex, name);
			throw ex;
		}
		if (value == null) {
			rollbackCreation(variables, name, callbackCountBefore);
			throw new IllegalStateException("Factory for thread-local variable '" + name + "' returned null on "
					+ ThreadDescription.current() + "; nothing was stored");
		}
		variables.endCreation(name);
		replaced(variables.put(name, value));
		return value;
	}

	private void rollbackCreation(ThreadVariables variables, String name, int callbackCountBefore) {
		variables.endCreation(name);
		variables.rollback(name, callbackCountBefore);
		detachIfUnused(variables);
	}

	/**
	 * Return the current thread's value of the variable.
	 * @param <T> the type of the value
	 * @param name the name of the variable
	 * @return the value, never {@code null}
	 * @throws MissingThreadLocalVarException if the variable is not set on this thread
	 * @throws IllegalArgumentException if the name is {@code null} or blank
	 */
	@SuppressWarnings("unchecked")
	public <T> T getRequired(String name) {
		assertName(name);
		ThreadVariables variables = this.variables.get();
		Object value = (variables != null) ? variables.getValue(name) : null;
		if (value == null) {
			throw new MissingThreadLocalVarException(name);
		}
		return (T) value;
	}

	/**
	 * Return the current thread's value of the variable, checking its type.
	 * @param <T> the type of the value
	 * @param name the name of the variable
	 * @param type the type the value must have
	 * @return the value, never {@code null}
	 * @throws MissingThreadLocalVarException if the variable is not set on this thread
	 * @throws IllegalStateException if the value is not of the given type
	 * @throws IllegalArgumentException if the name is {@code null} or blank, or the type
	 * is {@code null}
	 */
	@SuppressWarnings("unchecked")
	public <T> T getRequired(String name, Class<T> type) {
		assertName(name);
		if (type == null) {
			throw new IllegalArgumentException("Type of thread-local variable '" + name + "' on "
					+ ThreadDescription.current() + " must not be null");
		}
		Object value = getRequired(name);
		if (!ClassUtils.resolvePrimitiveIfNecessary(type).isInstance(value)) {
			throw new IllegalStateException("Thread-local variable '" + name + "' on " + ThreadDescription.current()
					+ " is expected to be of type " + type.getName() + " but is of type "
					+ value.getClass().getName());
		}
		return (T) value;
	}

	/**
	 * Store a value for the variable on the current thread, destroying any earlier value
	 * first (its destruction callbacks run).
	 * @param name the name of the variable
	 * @param value the value, not {@code null} (use {@link #delete(String)} to remove)
	 * @throws IllegalArgumentException if the name is {@code null} or blank, or the value
	 * is {@code null}
	 */
	public void set(String name, Object value) {
		assertName(name);
		if (value == null) {
			throw new IllegalArgumentException("Value of thread-local variable '" + name + "' on "
					+ ThreadDescription.current() + " must not be null: use delete to remove it");
		}
		replaced(currentOrNewVariables().put(name, value));
	}

	/**
	 * Register a callback to run when the variable is deleted, replaced or cleared. It may
	 * be registered before the variable's value is stored, as Spring does while it creates
	 * a scoped bean.
	 * @param name the name of the variable
	 * @param callback the callback to run once
	 * @throws IllegalArgumentException if the name is {@code null} or blank, or the
	 * callback is {@code null}
	 */
	public void registerDestructionCallback(String name, Runnable callback) {
		assertName(name);
		if (callback == null) {
			throw new IllegalArgumentException("Destruction callback of thread-local variable '" + name + "' on "
					+ ThreadDescription.current() + " must not be null");
		}
		currentOrNewVariables().addCallback(name, callback);
	}

	/**
	 * Remove the variable from the current thread and run its destruction callbacks. Does
	 * nothing if the variable is absent.
	 * @param name the name of the variable
	 * @throws IllegalArgumentException if the name is {@code null} or blank
	 */
	public void delete(String name) {
		assertName(name);
		ThreadVariables variables = this.variables.get();
		if (variables != null) {
			ThreadVariables.Variable removed = variables.remove(name);
			if (removed != null) {
				destroy(removed);
			}
			detachIfUnused(variables);
		}
	}

	/**
	 * Remove the variable without running its destruction callbacks, as the
	 * {@link org.springframework.beans.factory.config.Scope#remove(String) Scope} contract
	 * asks.
	 * @param name the name of the variable
	 * @return the removed value, or {@code null} if there was none
	 */
	@Nullable Object remove(String name) {
		assertName(name);
		ThreadVariables variables = this.variables.get();
		if (variables == null) {
			return null;
		}
		ThreadVariables.Variable removed = variables.remove(name);
		detachIfUnused(variables);
		return (removed != null) ? removed.value : null;
	}

	/**
	 * Remove every variable of the current thread, running destruction callbacks in
	 * reverse creation order. A failing callback is logged and does not stop the others.
	 * Finally nothing stays attached to the thread.
	 */
	public void clear() {
		ThreadVariables variables = this.variables.get();
		if (variables == null) {
			return;
		}
		try {
			int destroyed = 0;
			ThreadVariables.Variable variable = variables.removeLast();
			while (variable != null) {
				destroy(variable);
				if (++destroyed == MAX_DESTROYED_PER_CLEAR) {
					logger.error("Destruction callbacks on " + ThreadDescription.current() + " created more than "
							+ MAX_DESTROYED_PER_CLEAR + " thread-local variables while clearing; dropping the rest");
					break;
				}
				variable = variables.removeLast();
			}
		}
		finally {
			if (!variables.isCreating()) {
				this.variables.remove();
			}
		}
	}

	private ThreadVariables currentOrNewVariables() {
		ThreadVariables variables = this.variables.get();
		if (variables == null) {
			variables = new ThreadVariables();
			this.variables.set(variables);
		}
		return variables;
	}

	private void detachIfUnused(ThreadVariables variables) {
		if (variables.isEmpty() && !variables.isCreating()) {
			this.variables.remove();
		}
	}

	private void replaced(ThreadVariables.@Nullable Variable previous) {
		if (previous != null) {
			destroy(previous);
		}
	}

	private void destroy(ThreadVariables.Variable variable) {
		List<Runnable> callbacks = variable.callbacks();
		for (int i = callbacks.size() - 1; i >= 0; i--) {
			try {
				callbacks.get(i).run();
			}
			catch (Throwable ex) {
				logger.error("Destruction callback of thread-local variable '" + variable.name + "' failed on "
						+ ThreadDescription.current(), ex);
			}
		}
	}

	private static void assertName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Name of a thread-local variable must not be "
					+ ((name == null) ? "null" : "blank") + " (on " + ThreadDescription.current() + ")");
		}
	}

	/**
	 * Added as a suppressed exception to a factory's exception to say which variable and
	 * thread it was creating.
	 */
	private static final class CreationContext extends RuntimeException {

		private CreationContext(String name) {
			super("While creating thread-local variable '" + name + "' on " + ThreadDescription.current()
					+ "; nothing was stored", null, false, false);
		}

		static void addTo(Throwable ex, String name) {
			for (Throwable suppressed : ex.getSuppressed()) {
				if (suppressed instanceof CreationContext) {
					return; // the same exception thrown again: say it once
				}
			}
			ex.addSuppressed(new CreationContext(name));
		}

	}

}
