package dev.threadlocal;

/**
 * The kind of unit of work a {@link ThreadLocalVars.Boundary boundary} surrounds.
 *
 * @since 0.1.0
 */
public enum BoundaryKind {

	/**
	 * A servlet request, from the request filter.
	 */
	REQUEST,

	/**
	 * A task of an executor or scheduler, from the task decorator.
	 */
	TASK,

	/**
	 * A boundary opened by application code.
	 */
	EXPLICIT

}
