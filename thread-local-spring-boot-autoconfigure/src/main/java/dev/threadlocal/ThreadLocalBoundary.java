package dev.threadlocal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method, or every method of the annotated class that a proxy can
 * intercept, inside a {@link ThreadLocalVars#openBoundary(BoundaryKind) boundary}: the
 * thread's variables and thread-scoped beans are cleared when the method returns or
 * throws, unless an enclosing boundary (a request, a task, another annotated method) is
 * still open on the thread, which the method then joins.
 * <p>
 * Like {@code @Transactional}, it works through a class-based proxy: only public,
 * protected and package-private methods that are neither static nor final are advised,
 * calls from inside the bean ({@code this.method()}) are not, and a final class (a
 * record, for example) is not proxied (a warning names the bean). A method annotation
 * takes precedence over the class's. A method that returns a {@code CompletableFuture},
 * a {@code Mono} or another asynchronous type ends its boundary when it returns, not when
 * the result completes.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface ThreadLocalBoundary {

	/**
	 * The kind of unit of work, which tags the boundary in metrics and the actuator
	 * endpoint.
	 * @return the kind
	 */
	BoundaryKind kind() default BoundaryKind.EXPLICIT;

}
