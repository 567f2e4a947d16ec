package dev.threadlocal.aop;

import java.lang.annotation.Annotation;

import dev.threadlocal.BoundaryKind;

import org.springframework.util.Assert;

/**
 * An annotation whose methods (for example {@code @JmsListener} methods) run inside a
 * boundary of the given kind, as if they were annotated with {@code @ThreadLocalBoundary}.
 *
 * @param type the annotation type, found on methods directly or as a meta-annotation
 * @param kind the kind of the boundary
 * @since 0.1.0
 */
public record BoundaryAnnotation(Class<? extends Annotation> type, BoundaryKind kind) {

	public BoundaryAnnotation {
		Assert.notNull(type, "'type' must not be null");
		Assert.notNull(kind, "'kind' must not be null");
	}

}
