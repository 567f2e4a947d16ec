package dev.threadlocal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.threadlocal.hygiene.ThreadStateGuard;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Named variables of the current thread, created on demand and destroyed with their
 * destruction callbacks when deleted, replaced or cleared.
 * <p>
 * Every thread sees only its own variables; reads and writes take no lock shared between
 * threads. Absent and {@code null} are the same thing: {@code null} is never stored.
 * Beans of the {@link ThreadLocalVarScope threadlocal scope} are kept as variables of the
 * same store, so {@link #clear()} destroys them too.
 * <p>
 * A {@link Boundary boundary} surrounds one unit of work on a thread (a request, a task, or
 * code run with {@link #runScoped(Runnable)}, {@link #callScoped(Callable)} or
 * {@link #openBoundary()}): the thread is cleared when the outermost boundary ends, and
 * variables found on the thread when it begins are treated as a leak (see
 * {@link #setLeakDetection(LeakDetection)}). With {@link #setGuards(List) thread state
 * guards}, the outermost boundary also checks per-thread state outside these variables
 * (legacy thread-locals, MDC keys, Spring's context holders) when it begins and when it
 * ends.
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

	private final LongAdder leaksDetected = new LongAdder();

	private LeakDetection leakDetection = LeakDetection.WARN_AND_CLEAR;

	private boolean strict;

	private volatile ThreadLocalVarsListener[] listeners = new ThreadLocalVarsListener[0];

	private volatile @Nullable ThreadStateGuards guards;

	/**
	 * Set the guards of per-thread state outside these variables that every outermost
	 * boundary checks when it opens and when it closes, with the same
	 * {@link #getLeakDetection() leak detection} as the variables, except that a boundary
	 * never fails when it closes. Replaces the guards set before.
	 * @param guards the guards, in the order to check them
	 * @see ThreadStateGuard
	 */
	public void setGuards(List<? extends ThreadStateGuard> guards) {
		Assert.notNull(guards, "'guards' must not be null");
		Assert.noNullElements(guards, "'guards' must not contain null elements");
		ThreadStateGuards checked = new ThreadStateGuards(List.copyOf(guards));
		this.guards = checked.isEmpty() ? null : checked;
	}

	/**
	 * Return how many times a thread state guard found state left on a thread, when an
	 * outermost boundary opened or closed.
	 * @return the number of thread state leaks detected since the guards were set
	 */
	public long getThreadStateLeaksDetected() {
		ThreadStateGuards guards = this.guards;
		return (guards != null) ? guards.getLeaksDetected() : 0;
	}

	/**
	 * Add a listener for what happens to the variables, for example to count them.
	 * @param listener the listener to add
	 */
	public synchronized void addListener(ThreadLocalVarsListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		ThreadLocalVarsListener[] listeners = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		listeners[listeners.length - 1] = listener;
		this.listeners = listeners;
	}

	/**
	 * Set what a boundary does when it begins on a thread that still holds variables.
	 * Defaults to {@link LeakDetection#WARN_AND_CLEAR}.
	 * @param leakDetection the leak detection mode
	 */
	public void setLeakDetection(LeakDetection leakDetection) {
		Assert.notNull(leakDetection, "'leakDetection' must not be null");
		this.leakDetection = leakDetection;
	}

	/**
	 * Return what a boundary does when it begins on a thread that still holds variables.
	 * @return the leak detection mode
	 */
	public LeakDetection getLeakDetection() {
		return this.leakDetection;
	}

	/**
	 * Set whether using a variable or a thread-scoped bean outside any boundary throws an
	 * {@link IllegalStateException} instead of creating state that nothing will clear.
	 * Defaults to {@code false}.
	 * @param strict whether to require a boundary
	 */
	public void setStrict(boolean strict) {
		this.strict = strict;
	}

	/**
	 * Return whether using a variable outside any boundary throws.
	 * @return whether a boundary is required
	 */
	public boolean isStrict() {
		return this.strict;
	}

	/**
	 * Return how many times a boundary began on a thread that still held variables.
	 * @return the number of leaks detected since this instance was created
	 */
	public long getLeaksDetected() {
		return this.leaksDetected.sum();
	}

	/**
	 * Return the current thread's value of the variable, creating and storing it with
	 * the factory if it is absent. The factory runs at most once per thread while the
	 * value lives and may itself create other variables.
	 * <p>
	 * If the factory fails (whatever it throws, checked exceptions included) or returns
	 * {@code null}, exactly what this creation added is undone: the destruction callbacks
	 * registered for the variable while the factory ran. Other variables the factory
	 * created stay, and so do callbacks registered for the variable before.
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
		if (name == null || factory == null || this.strict) {
			assertName(name);
			assertFactory(name, factory);
			assertInBoundaryIfStrict(name);
		}
		ThreadVariables variables = this.variables.get();
		Object value = (variables != null) ? variables.getValue(name) : null;
		if (value != null) {
			return (T) value;
		}
		if (name.isBlank()) { // never stored, so only checked on a miss
			forgetIfNothingAttached(variables);
			assertName(name);
		}
		return create(name, factory);
	}

	private static void assertFactory(String name, @Nullable Supplier<?> factory) {
		if (factory == null) {
			throw new IllegalArgumentException(
					"Factory for thread-local variable '" + name + "' on " + ThreadDescription.current()
							+ " must not be null");
		}
	}

	private void assertInBoundaryIfStrict(String name) {
		if (this.strict) {
			assertInBoundary(name);
		}
	}

	private <T> T create(String name, Supplier<? extends T> factory) {
		ThreadVariables variables = beginOperation();
		try {
			if (variables.isCreating(name)) {
				throw new IllegalStateException("Thread-local variable '" + name + "' is already being created on "
						+ ThreadDescription.current() + ": its factory needs the variable itself");
			}
			ThreadVariables.Creation creation = variables.beginCreation(name);
			T value;
			try {
				value = factory.get();
			}
			catch (Throwable ex) {
				variables.endCreation(creation);
				variables.rollback(creation);
				CreationContext.addTo(ex, name);
				throw ex;
			}
			variables.endCreation(creation);
			if (value == null) {
				variables.rollback(creation);
				throw new IllegalStateException("Factory for thread-local variable '" + name + "' returned null on "
						+ ThreadDescription.current() + "; nothing was stored");
			}
			store(variables, name, value);
			return value;
		}
		finally {
			endOperation(variables);
		}
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
		if (name == null || this.strict) {
			assertName(name);
			assertInBoundaryIfStrict(name);
		}
		ThreadVariables variables = this.variables.get();
		Object value = (variables != null) ? variables.getValue(name) : null;
		if (value == null) {
			forgetIfNothingAttached(variables);
			assertName(name); // a blank name is never stored, so it is only checked on a miss
			throw new MissingThreadLocalVarException(name);
		}
		return (T) value;
	}

	/**
	 * Return the current thread's value of the variable, or {@code null} if it is not set.
	 * Never writes anything.
	 * @param <T> the type of the value
	 * @param name the name of the variable
	 * @return the value or {@code null}
	 * @throws IllegalArgumentException if the name is {@code null} or blank
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T find(String name) {
		assertName(name);
		assertInBoundaryIfStrict(name);
		ThreadVariables variables = attached();
		return (variables != null) ? (T) variables.getValue(name) : null;
	}

	/**
	 * Return the names of what the current thread holds, in creation order: its variables,
	 * and names that only have a destruction callback registered so far. A value stored
	 * for a name that only had callbacks takes that name's place; a value that replaces
	 * another one moves to the end. Empty when nothing is left on the thread; an outermost
	 * boundary that begins on a thread where it is not empty reports a leak of exactly
	 * these names.
	 * @return a copy of the names
	 */
	public List<String> names() {
		ThreadVariables variables = attached();
		return (variables != null) ? variables.names() : List.of();
	}

	/**
	 * Return the current thread's value of a scoped bean for a scoped proxy, or
	 * {@code null} when the proxy must take the normal path through the bean factory
	 * (absent, or strict mode outside any boundary, where that path fails).
	 * @param name the name of the scoped target bean
	 * @return the value or {@code null}
	 */
	@Nullable Object findScopedTarget(String name) {
		ThreadVariables variables = this.variables.get();
		if (variables == null || (this.strict && variables.boundaryDepth() == 0)) {
			return null; // the bean factory's path follows and stores or removes the entry
		}
		return variables.getValue(name);
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
	 * first (its destruction callbacks run, and see the variable absent). If those
	 * callbacks store the variable again, that value is destroyed too, so the given value
	 * is the one left. The value goes to the end of {@link #names()}, unless only
	 * destruction callbacks were registered for the name: it then belongs to them.
	 * @param name the name of the variable
	 * @param value the value, not {@code null} (use {@link #delete(String)} to remove)
	 * @throws IllegalArgumentException if the name is {@code null} or blank, or the value
	 * is {@code null}
	 * @throws IllegalStateException if the variable is being created on this thread (its
	 * factory must return the value instead); nothing changes
	 */
	public void set(String name, Object value) {
		assertName(name);
		if (value == null) {
			throw new IllegalArgumentException("Value of thread-local variable '" + name + "' on "
					+ ThreadDescription.current() + " must not be null: use delete to remove it");
		}
		if (this.strict) {
			assertInBoundary(name);
		}
		ThreadVariables variables = beginOperation();
		try {
			if (variables.isCreating(name)) {
				throw new IllegalStateException("Thread-local variable '" + name + "' is being created on "
						+ ThreadDescription.current() + ": its factory must return the value instead of setting it");
			}
			store(variables, name, value);
		}
		finally {
			endOperation(variables);
		}
	}

	/**
	 * Register a callback to run when the variable is deleted, replaced or cleared. It may
	 * be registered before the variable's value is stored, as Spring does while it creates
	 * a scoped bean. Callbacks of one variable run in reverse registration order.
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
		if (this.strict) {
			assertInBoundary(name);
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
		ThreadVariables variables = attached();
		if (variables == null) {
			return;
		}
		variables.beginOperation();
		try {
			ThreadVariables.Variable removed = variables.remove(name);
			if (removed != null) {
				destroy(removed);
			}
		}
		finally {
			endOperation(variables);
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
		ThreadVariables variables = attached();
		if (variables == null) {
			return null;
		}
		variables.beginOperation();
		try {
			ThreadVariables.Variable removed = variables.remove(name);
			if (removed == null || removed.value == null) {
				return null;
			}
			if (hasListeners()) {
				notifyListeners((listener) -> listener.variableDestroyed(name));
			}
			return removed.value;
		}
		finally {
			endOperation(variables);
		}
	}

	/**
	 * Remove every variable of the current thread, running destruction callbacks in
	 * reverse creation order. A failing callback is logged and does not stop the others;
	 * variables that callbacks create meanwhile are destroyed too. Finally nothing stays
	 * attached to the thread (inside a boundary, only the boundary's own bookkeeping stays
	 * until it ends).
	 */
	public void clear() {
		ThreadVariables variables = attached();
		if (variables == null) {
			return;
		}
		variables.beginOperation();
		try {
			clearVariables(variables);
		}
		finally {
			endOperation(variables);
		}
	}

	/**
	 * Destroy every variable, returning how many of them held a value. The caller keeps
	 * the variables in use.
	 */
	private int clearVariables(ThreadVariables variables) {
		int valuesDestroyed = 0;
		int destroyed = 0;
		ThreadVariables.Variable variable = variables.removeLast();
		while (variable != null) {
			if (destroy(variable)) {
				valuesDestroyed++;
			}
			if (++destroyed == MAX_DESTROYED_PER_CLEAR) {
				logger.error("Destruction callbacks on " + ThreadDescription.current() + " created more than "
						+ MAX_DESTROYED_PER_CLEAR + " thread-local variables while clearing; dropping the rest "
						+ "without running their callbacks");
				variables.dropAll();
				break;
			}
			variable = variables.removeLast();
		}
		return valuesDestroyed;
	}

	/**
	 * Open a boundary around application code on the current thread, for use with
	 * try-with-resources. The thread is cleared when the outermost boundary closes.
	 * @return the boundary, to close on the same thread
	 * @throws IllegalStateException if the thread held leaked variables and the leak
	 * detection mode is {@link LeakDetection#FAIL}
	 * @see #runScoped(Runnable)
	 * @see #callScoped(Callable)
	 */
	public Boundary openBoundary() {
		return openBoundary(BoundaryKind.EXPLICIT);
	}

	/**
	 * Open a boundary around a unit of work of the given kind on the current thread. When
	 * it is the outermost boundary and the thread still holds anything ({@link #names()}
	 * is not empty), that is handled as a leak according to {@link #getLeakDetection()}.
	 * This holds wherever the boundary opens: in a factory, a destruction callback or a
	 * listener that runs outside any boundary too. Leaked variables are cleared inside
	 * the new boundary, so their destruction callbacks see {@link #isInBoundary()}.
	 * @param kind the kind of unit of work
	 * @return the boundary, to close on the same thread
	 * @throws IllegalStateException if the thread held leaked variables and the leak
	 * detection mode is {@link LeakDetection#FAIL}; the boundary is then not open
	 */
	public Boundary openBoundary(BoundaryKind kind) {
		return openBoundary(kind, true);
	}

	/**
	 * Open a boundary around a unit of work of the given kind on the current thread, as
	 * {@link #openBoundary(BoundaryKind)} does, optionally without checking the
	 * {@link #setGuards(List) thread state guards}: for a unit of work that another
	 * framework has already prepared the thread for (a controller's {@code Callable},
	 * whose interceptors set the security context before this boundary opens).
	 * @param kind the kind of unit of work
	 * @param guarded whether the thread state guards check the thread when this boundary,
	 * if outermost, opens and closes
	 * @return the boundary, to close on the same thread
	 * @throws IllegalStateException if the thread held leaked state and the leak detection
	 * mode is {@link LeakDetection#FAIL}; the boundary is then not open
	 */
	public Boundary openBoundary(BoundaryKind kind, boolean guarded) {
		Assert.notNull(kind, "'kind' must not be null");
		ThreadVariables variables = currentOrNewVariables();
		Boundary boundary = new Boundary(kind, variables, guarded);
		variables.pushBoundary(boundary);
		ThreadStateGuards guards = (guarded && boundary.depthAtOpen == 0) ? this.guards : null;
		if (boundary.depthAtOpen == 0 && (guards != null || !variables.isEmpty())) {
			variables.beginOperation();
			try {
				if (!variables.isEmpty()) {
					leaked(variables, kind);
				}
				if (guards != null) {
					guards.checkAtStart(this, kind, this.leakDetection);
				}
			}
			catch (Throwable ex) {
				variables.endBoundariesInside(boundary);
				variables.endInnermostBoundary(boundary);
				throw ex;
			}
			finally {
				endOperation(variables);
			}
		}
		return boundary;
	}

	/**
	 * Run the task inside a boundary: the thread is cleared when it returns or throws,
	 * unless an enclosing boundary is still open.
	 * @param task the task to run
	 */
	public void runScoped(Runnable task) {
		Assert.notNull(task, "'task' must not be null");
		try (Boundary boundary = openBoundary()) {
			task.run();
		}
	}

	/**
	 * Call the task inside a boundary: the thread is cleared when it returns or throws,
	 * unless an enclosing boundary is still open.
	 * @param <V> the type of the result
	 * @param task the task to call
	 * @return the task's result
	 * @throws Exception whatever the task throws
	 */
	public <V> V callScoped(Callable<V> task) throws Exception {
		Assert.notNull(task, "'task' must not be null");
		try (Boundary boundary = openBoundary()) {
			return task.call();
		}
	}

	/**
	 * Return whether the current thread is inside a boundary. Destruction callbacks that
	 * run while the outermost boundary ends, or while a boundary clears a leak, are inside
	 * it.
	 * @return whether a boundary is open on this thread
	 */
	public boolean isInBoundary() {
		ThreadVariables variables = attached();
		return variables != null && variables.boundaryDepth() > 0;
	}

	private void leaked(ThreadVariables variables, BoundaryKind kind) {
		LeakDetection mode = this.leakDetection;
		if (mode == LeakDetection.OFF) {
			return;
		}
		this.leaksDetected.increment();
		List<String> names = variables.names();
		notifyListeners((listener) -> listener.leakDetected(kind, names));
		String message = "Thread-local variables " + names + " were left on "
				+ ThreadDescription.current() + " by code outside any boundary; cleared them before the "
				+ kind.name().toLowerCase(Locale.ROOT) + " started";
		if (mode == LeakDetection.WARN_AND_CLEAR && logger.isWarnEnabled()) {
			logger.warn(message);
		}
		clearVariables(variables);
		if (mode == LeakDetection.FAIL) {
			throw new IllegalStateException(message + ", and refused to start it (leak detection mode FAIL)");
		}
	}

	private void assertInBoundary(String name) {
		if (!isInBoundary()) {
			throw new IllegalStateException("Thread-local variable '" + name + "' used outside any boundary on "
					+ ThreadDescription.current() + " (strict mode): nothing would clear it. Run the work in a "
					+ "servlet request, as a task of Spring Boot's task executor or scheduler (or any executor "
					+ "with a ThreadLocalVarsTaskDecorator), or inside threadLocalVars.runScoped(...), "
					+ "callScoped(...) or try (var boundary = threadLocalVars.openBoundary()) { ... }");
		}
	}

	/**
	 * Return the thread's state if it has any, leaving nothing of ours in the thread's
	 * map otherwise (reading a {@link ThreadLocal} that holds nothing adds an entry).
	 */
	private @Nullable ThreadVariables attached() {
		ThreadVariables variables = this.variables.get();
		forgetIfNothingAttached(variables);
		return variables;
	}

	private void forgetIfNothingAttached(@Nullable ThreadVariables variables) {
		if (variables == null) {
			this.variables.remove();
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

	/**
	 * Begin an operation that runs user code: the thread's state stays attached, and so
	 * stays the one every nested operation uses, until the operation ends.
	 */
	private ThreadVariables beginOperation() {
		ThreadVariables variables = currentOrNewVariables();
		variables.beginOperation();
		return variables;
	}

	private void endOperation(ThreadVariables variables) {
		variables.endOperation();
		detachIfUnused(variables);
	}

	private void detachIfUnused(ThreadVariables variables) {
		if (variables.isUnused()) {
			this.variables.remove();
		}
	}

	/**
	 * Store the value, destroying an earlier value first so that its callbacks see the
	 * variable gone rather than already replaced; a value they store meanwhile is
	 * destroyed too.
	 */
	private void store(ThreadVariables variables, String name, Object value) {
		for (int replaced = 0;; replaced++) {
			ThreadVariables.Variable previous = variables.removeIfValued(name);
			if (previous == null) {
				break;
			}
			if (replaced == MAX_DESTROYED_PER_CLEAR) {
				throw new IllegalStateException("Destruction callbacks of thread-local variable '" + name + "' on "
						+ ThreadDescription.current() + " stored it again " + MAX_DESTROYED_PER_CLEAR
						+ " times while it was being replaced; gave up");
			}
			destroy(previous);
		}
		variables.put(name, value);
		if (hasListeners()) {
			notifyListeners((listener) -> listener.variableCreated(name));
		}
	}

	private boolean hasListeners() {
		return this.listeners.length > 0;
	}

	void notifyListeners(Consumer<ThreadLocalVarsListener> event) {
		for (ThreadLocalVarsListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (Exception | LinkageError ex) {
				logger.warn("Thread-local variables listener " + listener + " failed; ignoring it", ex);
			}
		}
	}

	/**
	 * Run the variable's destruction callbacks, returning whether it held a value.
	 */
	private boolean destroy(ThreadVariables.Variable variable) {
		List<Runnable> callbacks = variable.callbacks();
		for (int i = callbacks.size() - 1; i >= 0; i--) {
			try {
				callbacks.get(i).run();
			}
			catch (Throwable ex) {
				logger.error("Destruction callback of thread-local variable '" + variable.name + "' failed on "
						+ ThreadDescription.current(), ex);
				notifyListeners((listener) -> listener.destructionCallbackFailed(variable.name, ex));
			}
		}
		if (variable.value == null) {
			return false;
		}
		if (hasListeners()) {
			notifyListeners((listener) -> listener.variableDestroyed(variable.name));
		}
		return true;
	}

	private static void assertName(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Name of a thread-local variable must not be "
					+ ((name == null) ? "null" : "blank") + " (on " + ThreadDescription.current() + ")");
		}
	}

	/**
	 * One unit of work on a thread; closing the outermost boundary clears the thread.
	 * <p>
	 * A boundary ends when it is closed, or when a boundary it was opened inside ends
	 * first. Closing a boundary that has ended, or is ending (from a destruction callback
	 * that its end runs), does nothing, on any thread; closing one that is still open
	 * must happen on the thread that opened it.
	 *
	 * @since 0.1.0
	 */
	public final class Boundary implements AutoCloseable {

		private final BoundaryKind kind;

		private final Thread thread = Thread.currentThread();

		/**
		 * The thread's state, which stays attached while a boundary is open.
		 */
		private final ThreadVariables variables;

		private final @Nullable Boundary enclosing;

		/**
		 * How many boundaries were open on the thread when this one was opened.
		 */
		private final int depthAtOpen;

		/**
		 * Whether the thread state guards check the thread when it ends.
		 */
		private final boolean guarded;

		private volatile boolean ended;

		private Boundary(BoundaryKind kind, ThreadVariables variables, boolean guarded) {
			this.kind = kind;
			this.guarded = guarded;
			this.variables = variables;
			this.enclosing = variables.innermostBoundary();
			this.depthAtOpen = variables.boundaryDepth();
		}

		/**
		 * Return the kind of unit of work this boundary surrounds.
		 * @return the kind
		 */
		public BoundaryKind getKind() {
			return this.kind;
		}

		/**
		 * Mark this boundary ended, returning the one it was opened inside.
		 */
		@Nullable Boundary end() {
			this.ended = true;
			return this.enclosing;
		}

		/**
		 * End the boundary, clearing the thread if it is the outermost one. Boundaries
		 * opened inside it and left open end with it. Closing it again does nothing.
		 * @throws IllegalStateException if called on another thread than the one that
		 * opened the boundary while it is still open
		 */
		@Override
		public void close() {
			if (this.ended) {
				return;
			}
			if (Thread.currentThread() != this.thread) {
				throw new IllegalStateException("A " + this.kind.name().toLowerCase(Locale.ROOT)
						+ " boundary opened on thread '" + this.thread.getName() + "' must be closed on it, not on "
						+ ThreadDescription.current());
			}
			this.ended = true; // a destruction callback that closes it again while it ends does nothing
			ThreadVariables variables = this.variables;
			warnIfLeftOpen(variables.endBoundariesInside(this));
			if (this.depthAtOpen > 0) {
				variables.endInnermostBoundary(this);
				return;
			}
			// clear while still inside the boundary, so that destruction callbacks may
			// still use variables in strict mode
			variables.beginOperation();
			try {
				int cleared;
				try {
					cleared = (!variables.isEmpty()) ? clearVariables(variables) : 0;
					ThreadStateGuards guards = ThreadLocalVars.this.guards;
					if (guards != null && this.guarded) {
						guards.checkAtEnd(ThreadLocalVars.this, this.kind, ThreadLocalVars.this.leakDetection);
					}
				}
				finally {
					warnIfLeftOpen(variables.endBoundariesInside(this)); // opened by callbacks
					variables.endInnermostBoundary(this);
				}
				if (hasListeners()) {
					notifyListeners((listener) -> listener.boundaryEnded(this.kind, cleared));
				}
			}
			finally {
				endOperation(variables);
			}
		}

		private void warnIfLeftOpen(int leftOpen) {
			if (leftOpen > 0) {
				logger.warn(leftOpen + " boundaries opened inside a " + this.kind.name().toLowerCase(Locale.ROOT)
						+ " boundary on " + ThreadDescription.current() + " were left open; ending them with it");
			}
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
