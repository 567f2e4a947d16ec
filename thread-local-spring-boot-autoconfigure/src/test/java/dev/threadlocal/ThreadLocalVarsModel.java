package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.threadlocal.ThreadLocalVarsModelOps.CallbackSpec;
import dev.threadlocal.ThreadLocalVarsModelOps.FactorySpec;
import dev.threadlocal.ThreadLocalVarsModelOps.Op;
import dev.threadlocal.ThreadLocalVarsModelOps.Target;

/**
 * A small reference model of one thread's {@link ThreadLocalVars}, written from the
 * documented rules rather than from the implementation: plain lists, no
 * optimisations. {@link ThreadLocalVarsModelTests} runs the same operations on both
 * and compares them.
 */
final class ThreadLocalVarsModel implements Target {

	private final LeakDetection mode;

	private final boolean strict;

	private final List<Variable> variables = new ArrayList<>();

	private final List<Creation> creations = new ArrayList<>();

	private final List<Boundary> boundaries = new ArrayList<>();

	private final List<Boundary> handles = new ArrayList<>();

	final List<String> log = new ArrayList<>();

	long leaks;

	ThreadLocalVarsModel(LeakDetection mode, boolean strict) {
		this.mode = mode;
		this.strict = strict;
	}

	// What the test compares

	/**
	 * Each variable as {@code name=value}, {@code name=} for one with only callbacks.
	 */
	List<String> state() {
		return this.variables.stream()
			.map((variable) -> variable.name + "=" + ((variable.value != null) ? variable.value : ""))
			.collect(Collectors.toList());
	}

	boolean isInBoundaryNow() {
		return !this.boundaries.isEmpty();
	}

	boolean holdsAnything() {
		return !this.variables.isEmpty() || !this.boundaries.isEmpty();
	}

	int openHandles() {
		return (int) this.handles.stream().filter((boundary) -> !boundary.ended).count();
	}

	// Operations

	@Override
	public String run(Op op) {
		try {
			return op.apply(this);
		}
		catch (Refused ex) {
			return "ex:" + ex.getMessage();
		}
	}

	@Override
	public String getOrCreate(String name, FactorySpec factory) {
		checkName(name);
		if (factory == null) {
			throw new Refused("IllegalArgumentException:arg");
		}
		checkStrict();
		Variable variable = variable(name);
		if (variable != null && variable.value != null) {
			return "ok:" + variable.value;
		}
		checkName(name);
		if (isCreating(name)) {
			throw new Refused("IllegalStateException:self");
		}
		Creation creation = new Creation(name);
		this.creations.add(creation);
		this.log.add("f:" + name);
		for (Op op : factory.body()) {
			this.log.add("r:" + run(op));
		}
		this.creations.remove(this.creations.size() - 1);
		switch (factory.outcome()) {
			case RETURN -> {
				store(name, factory.value());
				return "ok:" + factory.value();
			}
			case NULL -> {
				rollback(creation);
				throw new Refused("IllegalStateException:null");
			}
			case UNCHECKED -> {
				rollback(creation);
				throw new Refused("ModelUncheckedException+ctx(" + name + ")");
			}
			default -> {
				rollback(creation);
				throw new Refused("ModelCheckedException+ctx(" + name + ")");
			}
		}
	}

	@Override
	public String scopeGet(String name, FactorySpec factory) {
		return getOrCreate(name, factory);
	}

	@Override
	public String getRequired(String name) {
		checkName(name);
		checkStrict();
		Variable variable = variable(name);
		if (variable == null || variable.value == null) {
			throw new Refused("MissingThreadLocalVarException");
		}
		return "ok:" + variable.value;
	}

	@Override
	public String getRequired(String name, Class<?> type) {
		checkName(name);
		if (type == null) {
			throw new Refused("IllegalArgumentException:arg");
		}
		String value = getRequired(name);
		if (!type.isInstance(value.substring(3))) {
			throw new Refused("IllegalStateException:type");
		}
		return value;
	}

	@Override
	public String find(String name) {
		checkName(name);
		checkStrict();
		Variable variable = variable(name);
		return "ok:" + ((variable != null) ? variable.value : null);
	}

	@Override
	public String set(String name, String value) {
		checkName(name);
		if (value == null) {
			throw new Refused("IllegalArgumentException:arg");
		}
		checkStrict();
		if (isCreating(name)) {
			throw new Refused("IllegalStateException:creating");
		}
		store(name, value);
		return "ok";
	}

	@Override
	public String register(String name, CallbackSpec callback) {
		checkName(name);
		if (callback == null) {
			throw new Refused("IllegalArgumentException:arg");
		}
		checkStrict();
		Variable variable = variable(name);
		if (variable == null) {
			variable = new Variable(name);
			this.variables.add(variable);
		}
		Callback registered = new Callback(callback);
		variable.callbacks.add(registered);
		for (int i = this.creations.size() - 1; i >= 0; i--) {
			if (this.creations.get(i).name.equals(name)) {
				this.creations.get(i).added.add(registered);
				break;
			}
		}
		return "ok";
	}

	@Override
	public String delete(String name) {
		checkName(name);
		Variable variable = variable(name);
		if (variable != null) {
			this.variables.remove(variable);
			destroy(variable);
		}
		return "ok";
	}

	@Override
	public String remove(String name) {
		checkName(name);
		Variable variable = variable(name);
		if (variable == null) {
			return "ok:null";
		}
		this.variables.remove(variable);
		if (variable.value == null) {
			return "ok:null";
		}
		this.log.add("destroyed " + name);
		return "ok:" + variable.value;
	}

	@Override
	public String clear() {
		clearAll();
		return "ok";
	}

	@Override
	public String names() {
		return "ok:" + this.variables.stream().map((variable) -> variable.name).collect(Collectors.toList());
	}

	@Override
	public String isInBoundary() {
		return "ok:" + isInBoundaryNow();
	}

	@Override
	public String open(BoundaryKind kind) {
		this.handles.add(openBoundary(kind));
		return "ok";
	}

	@Override
	public String close(int handle) {
		if (this.handles.isEmpty()) {
			return "ok:none";
		}
		closeBoundary(this.handles.get(handle % this.handles.size()));
		return "ok";
	}

	@Override
	public String runScoped(List<Op> body, boolean throwAfter) {
		Boundary boundary = openBoundary(BoundaryKind.EXPLICIT);
		for (Op op : body) {
			this.log.add("r:" + run(op));
		}
		closeBoundary(boundary);
		if (throwAfter) {
			throw new Refused("ModelUncheckedException");
		}
		return "ok";
	}

	/**
	 * Like {@link #runScoped}, returning a result or throwing a checked exception.
	 */
	@Override
	public String callScoped(List<Op> body, boolean throwAfter) {
		Boundary boundary = openBoundary(BoundaryKind.EXPLICIT);
		for (Op op : body) {
			this.log.add("r:" + run(op));
		}
		closeBoundary(boundary);
		if (throwAfter) {
			throw new Refused("ModelCheckedException");
		}
		return "ok:called";
	}

	@Override
	public String scopeRegister(String name, CallbackSpec callback) {
		return register(name, callback);
	}

	private Boundary openBoundary(BoundaryKind kind) {
		Boundary boundary = new Boundary(kind, this.boundaries.size());
		this.boundaries.add(boundary);
		if (boundary.depthAtOpen == 0 && !this.variables.isEmpty() && this.mode != LeakDetection.OFF) {
			this.leaks++;
			this.log.add("leak " + kind + " " + this.variables.stream().map((v) -> v.name).toList());
			clearAll();
			if (this.mode == LeakDetection.FAIL) {
				endFrom(boundary);
				throw new Refused("IllegalStateException:fail");
			}
		}
		return boundary;
	}

	private void closeBoundary(Boundary boundary) {
		if (boundary.ended) {
			return;
		}
		boundary.ended = true; // closing it again while it ends does nothing
		endInside(boundary);
		if (boundary.depthAtOpen > 0) {
			endFrom(boundary);
			return;
		}
		int cleared = clearAll();
		endFrom(boundary);
		this.log.add("ended " + boundary.kind + " cleared " + cleared);
	}

	// The rules

	private void checkName(String name) {
		if (name == null || name.isBlank()) {
			throw new Refused("IllegalArgumentException:arg");
		}
	}

	private void checkStrict() {
		if (this.strict && !isInBoundaryNow()) {
			throw new Refused("IllegalStateException:strict");
		}
	}

	private boolean isCreating(String name) {
		return this.creations.stream().anyMatch((creation) -> creation.name.equals(name));
	}

	private Variable variable(String name) {
		for (Variable variable : this.variables) {
			if (variable.name.equals(name)) {
				return variable;
			}
		}
		return null;
	}

	/**
	 * Destroy every earlier value (its callbacks may store one again), then store.
	 */
	private void store(String name, String value) {
		Variable existing = variable(name);
		while (existing != null && existing.value != null) {
			this.variables.remove(existing);
			destroy(existing);
			existing = variable(name);
		}
		if (existing != null) {
			existing.value = value;
		}
		else {
			Variable variable = new Variable(name);
			variable.value = value;
			this.variables.add(variable);
		}
		this.log.add("created " + name);
	}

	private void rollback(Creation creation) {
		for (int i = creation.added.size() - 1; i >= 0; i--) {
			Variable variable = variable(creation.name);
			if (variable != null) {
				int index = variable.callbacks.lastIndexOf(creation.added.get(i));
				if (index >= 0) {
					variable.callbacks.remove(index);
					if (variable.callbacks.isEmpty() && variable.value == null) {
						this.variables.remove(variable);
					}
				}
			}
		}
	}

	/**
	 * Destroy from the newest variable, including those that callbacks create meanwhile;
	 * return how many had a value.
	 */
	private int clearAll() {
		int valued = 0;
		while (!this.variables.isEmpty()) {
			Variable last = this.variables.remove(this.variables.size() - 1);
			if (destroy(last)) {
				valued++;
			}
		}
		return valued;
	}

	private boolean destroy(Variable variable) {
		for (int i = variable.callbacks.size() - 1; i >= 0; i--) {
			CallbackSpec spec = variable.callbacks.get(i).spec;
			this.log.add("cb" + spec.id());
			for (Op op : spec.body()) {
				this.log.add("r:" + run(op));
			}
			if (spec.throwsAfter()) {
				this.log.add("failed " + variable.name);
			}
		}
		if (variable.value == null) {
			return false;
		}
		this.log.add("destroyed " + variable.name);
		return true;
	}

	private void endInside(Boundary boundary) {
		while (this.boundaries.get(this.boundaries.size() - 1) != boundary) {
			this.boundaries.remove(this.boundaries.size() - 1).ended = true;
		}
	}

	private void endFrom(Boundary boundary) {
		endInside(boundary);
		this.boundaries.remove(this.boundaries.size() - 1).ended = true;
	}

	private static final class Variable {

		final String name;

		String value;

		final List<Callback> callbacks = new ArrayList<>();

		Variable(String name) {
			this.name = name;
		}

	}

	/**
	 * One registration of a callback: compared by identity, like the real ones.
	 */
	private static final class Callback {

		final CallbackSpec spec;

		Callback(CallbackSpec spec) {
			this.spec = spec;
		}

	}

	private static final class Creation {

		final String name;

		final List<Callback> added = new ArrayList<>();

		Creation(String name) {
			this.name = name;
		}

	}

	private static final class Boundary {

		final BoundaryKind kind;

		final int depthAtOpen;

		boolean ended;

		Boundary(BoundaryKind kind, int depthAtOpen) {
			this.kind = kind;
			this.depthAtOpen = depthAtOpen;
		}

	}

	/**
	 * What the real implementation throws, as the test classifies it.
	 */
	static final class Refused extends RuntimeException {

		Refused(String classification) {
			super(classification, null, false, false);
		}

	}

}
