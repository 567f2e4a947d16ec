package dev.threadlocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The operations of {@link ThreadLocalVarsModelTests}: a random program of calls on
 * {@link ThreadLocalVars} and its scope, with factories and destruction callbacks that
 * run programs of their own.
 */
final class ThreadLocalVarsModelOps {

	private static final String[] NAMES = { "a", "b", "c", "d" };

	private ThreadLocalVarsModelOps() {
	}

	/**
	 * What runs the operations: the real variables or the model. Each method returns
	 * {@code ok} or {@code ok:<result>}, or throws.
	 */
	interface Target {

		/**
		 * Run one operation, returning its result or {@code ex:<classification>}.
		 */
		String run(Op op);

		String getOrCreate(String name, FactorySpec factory);

		String scopeGet(String name, FactorySpec factory);

		String getRequired(String name);

		String getRequired(String name, Class<?> type);

		String find(String name);

		String set(String name, String value);

		String register(String name, CallbackSpec callback);

		String delete(String name);

		String remove(String name);

		String clear();

		String names();

		String isInBoundary();

		String open(BoundaryKind kind);

		String close(int handle);

		String runScoped(List<Op> body, boolean throwAfter);

		String callScoped(List<Op> body, boolean throwAfter);

		String scopeRegister(String name, CallbackSpec callback);

	}

	/**
	 * One operation.
	 */
	interface Op {

		String apply(Target target);

	}

	enum Outcome {

		RETURN, NULL, UNCHECKED, CHECKED

	}

	/**
	 * A factory: runs its body, then returns its value, returns {@code null} or throws.
	 */
	record FactorySpec(List<Op> body, Outcome outcome, String value) {

		@Override
		public String toString() {
			return "factory" + body + "->" + ((this.outcome == Outcome.RETURN) ? this.value : this.outcome);
		}

	}

	/**
	 * A destruction callback: runs its body, then returns or throws.
	 */
	record CallbackSpec(int id, List<Op> body, boolean throwsAfter) {

		@Override
		public String toString() {
			return "cb" + this.id + this.body + (this.throwsAfter ? "->throw" : "");
		}

	}

	record GetOrCreate(String name, FactorySpec factory) implements Op {

		public String apply(Target target) {
			return target.getOrCreate(this.name, this.factory);
		}

	}

	record ScopeGet(String name, FactorySpec factory) implements Op {

		public String apply(Target target) {
			return target.scopeGet(this.name, this.factory);
		}

	}

	record GetRequired(String name) implements Op {

		public String apply(Target target) {
			return target.getRequired(this.name);
		}

	}

	record GetRequiredTyped(String name, Class<?> type) implements Op {

		public String apply(Target target) {
			return target.getRequired(this.name, this.type);
		}

	}

	record Find(String name) implements Op {

		public String apply(Target target) {
			return target.find(this.name);
		}

	}

	record Set(String name, String value) implements Op {

		public String apply(Target target) {
			return target.set(this.name, this.value);
		}

	}

	record Register(String name, CallbackSpec callback) implements Op {

		public String apply(Target target) {
			return target.register(this.name, this.callback);
		}

	}

	record Delete(String name) implements Op {

		public String apply(Target target) {
			return target.delete(this.name);
		}

	}

	record Remove(String name) implements Op {

		public String apply(Target target) {
			return target.remove(this.name);
		}

	}

	record Clear() implements Op {

		public String apply(Target target) {
			return target.clear();
		}

	}

	record Names() implements Op {

		public String apply(Target target) {
			return target.names();
		}

	}

	record InBoundary() implements Op {

		public String apply(Target target) {
			return target.isInBoundary();
		}

	}

	record Open(BoundaryKind kind) implements Op {

		public String apply(Target target) {
			return target.open(this.kind);
		}

	}

	record Close(int handle) implements Op {

		public String apply(Target target) {
			return target.close(this.handle);
		}

	}

	record RunScoped(List<Op> body, boolean throwAfter) implements Op {

		public String apply(Target target) {
			return target.runScoped(this.body, this.throwAfter);
		}

	}

	record CallScoped(List<Op> body, boolean throwAfter) implements Op {

		public String apply(Target target) {
			return target.callScoped(this.body, this.throwAfter);
		}

	}

	record ScopeRegister(String name, CallbackSpec callback) implements Op {

		public String apply(Target target) {
			return target.scopeRegister(this.name, this.callback);
		}

	}

	/**
	 * Makes random programs from one seed: the same seed, the same program.
	 */
	static final class Generator {

		private static final int MAX_DEPTH = 3;

		private final Random random;

		private int values;

		private int callbacks;

		Generator(long seed) {
			this.random = new Random(seed);
		}

		List<Op> program(int length) {
			List<Op> ops = new ArrayList<>(length);
			for (int i = 0; i < length; i++) {
				ops.add(op(0));
			}
			return ops;
		}

		private List<Op> body(int depth) {
			if (depth >= MAX_DEPTH) {
				return List.of();
			}
			int length = this.random.nextInt(4);
			List<Op> ops = new ArrayList<>(length);
			for (int i = 0; i < length; i++) {
				ops.add(op(depth));
			}
			return ops;
		}

		private Op op(int depth) {
			int pick = this.random.nextInt(100);
			if (pick < 16) {
				return new GetOrCreate(name(), factory(depth + 1));
			}
			if (pick < 22) {
				return new ScopeGet(name(), factory(depth + 1));
			}
			if (pick < 32) {
				return new Set(name(), value());
			}
			if (pick < 46) {
				return new Register(name(), callback(depth + 1));
			}
			if (pick < 53) {
				return new Delete(name());
			}
			if (pick < 56) {
				return new Remove(name());
			}
			if (pick < 60) {
				return new Clear();
			}
			if (pick < 64) {
				return new Find(name());
			}
			if (pick < 67) {
				return new GetRequired(name());
			}
			if (pick < 69) {
				return new GetRequiredTyped(name(), this.random.nextBoolean() ? String.class : Integer.class);
			}
			if (pick < 71) {
				return new Names();
			}
			if (pick < 73) {
				return new InBoundary();
			}
			if (pick < 80) {
				return new Open(BoundaryKind.values()[this.random.nextInt(BoundaryKind.values().length)]);
			}
			if (pick < 88) {
				return new Close(this.random.nextInt(8));
			}
			if (pick < 91) {
				return new RunScoped(body(depth + 1), this.random.nextInt(5) == 0);
			}
			if (pick < 93) {
				return new CallScoped(body(depth + 1), this.random.nextInt(4) == 0);
			}
			if (pick < 95) {
				return new ScopeRegister(name(), callback(depth + 1));
			}
			return badInput(depth);
		}

		private Op badInput(int depth) {
			String name = this.random.nextBoolean() ? null : " ";
			return switch (this.random.nextInt(9)) {
				case 0 -> new GetOrCreate(name, factory(depth + 1));
				case 1 -> new GetOrCreate(name(), null);
				case 2 -> new ScopeGet(name(), null);
				case 3 -> new Set(name, value());
				case 4 -> new Set(name(), null);
				case 5 -> new Register(name(), null);
				case 6 -> new Register(name, callback(depth + 1));
				case 7 -> new GetRequiredTyped(name(), null);
				default -> new Delete(name);
			};
		}

		private FactorySpec factory(int depth) {
			int pick = this.random.nextInt(10);
			Outcome outcome = (pick < 7) ? Outcome.RETURN
					: (pick == 7) ? Outcome.NULL : (pick == 8) ? Outcome.UNCHECKED : Outcome.CHECKED;
			return new FactorySpec(body(depth), outcome, value());
		}

		private CallbackSpec callback(int depth) {
			return new CallbackSpec(++this.callbacks, body(depth), this.random.nextInt(6) == 0);
		}

		private String name() {
			return NAMES[this.random.nextInt(NAMES.length)];
		}

		private String value() {
			return "v" + (++this.values);
		}

	}

}
