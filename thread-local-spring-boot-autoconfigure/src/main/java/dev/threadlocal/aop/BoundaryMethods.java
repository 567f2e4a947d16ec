package dev.threadlocal.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalBoundary;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Decides which methods run inside a boundary and of which kind: a method's own
 * {@link ThreadLocalBoundary @ThreadLocalBoundary}, then a listener annotation, then the
 * class's {@code @ThreadLocalBoundary}. Private, static and final methods never do, nor
 * {@code equals}, {@code hashCode} and {@code toString}.
 */
final class BoundaryMethods {

	private final List<BoundaryAnnotation> annotations;

	private final Map<MethodClassKey, Optional<BoundaryKind>> kinds = new ConcurrentHashMap<>(256);

	BoundaryMethods(List<BoundaryAnnotation> annotations) {
		this.annotations = List.copyOf(annotations);
	}

	List<BoundaryAnnotation> getAnnotations() {
		return this.annotations;
	}

	boolean isCandidateClass(Class<?> type) {
		if (AnnotationUtils.isCandidateClass(type, ThreadLocalBoundary.class)) {
			return true;
		}
		for (BoundaryAnnotation annotation : this.annotations) {
			if (AnnotationUtils.isCandidateClass(type, annotation.type())) {
				return true;
			}
		}
		return false;
	}

	@Nullable BoundaryKind kindOf(Method method, @Nullable Class<?> targetClass) {
		if (method.getDeclaringClass() == Object.class || AopUtils.isEqualsMethod(method)
				|| AopUtils.isHashCodeMethod(method) || AopUtils.isToStringMethod(method)) {
			return null;
		}
		MethodClassKey key = new MethodClassKey(method, targetClass);
		Optional<BoundaryKind> kind = this.kinds.get(key);
		if (kind == null) {
			// look up, then store: never compute inside the map's lock
			kind = Optional.ofNullable(findKind(method, targetClass));
			this.kinds.put(key, kind);
		}
		return kind.orElse(null);
	}

	private @Nullable BoundaryKind findKind(Method method, @Nullable Class<?> targetClass) {
		Method specificMethod = ClassUtils.getMostSpecificMethod(method, targetClass);
		if (!isAdvisable(specificMethod) || !isAdvisable(method)) {
			return null;
		}
		ThreadLocalBoundary boundary = AnnotatedElementUtils.findMergedAnnotation(specificMethod,
				ThreadLocalBoundary.class);
		if (boundary != null) {
			return boundary.kind();
		}
		for (BoundaryAnnotation annotation : this.annotations) {
			if (AnnotatedElementUtils.hasAnnotation(specificMethod, annotation.type())) {
				return annotation.kind();
			}
		}
		Class<?> type = (targetClass != null) ? targetClass : specificMethod.getDeclaringClass();
		boundary = AnnotatedElementUtils.findMergedAnnotation(type, ThreadLocalBoundary.class);
		return (boundary != null) ? boundary.kind() : null;
	}

	/**
	 * Return the methods of the class that a class-based proxy would run on the proxy
	 * instance itself instead of the bean: final instance methods, and private instance
	 * methods carrying a listener annotation (a listener container invokes them on the
	 * proxy, see spring-framework #30938).
	 */
	List<Method> methodsRunOnTheProxy(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		ReflectionUtils.doWithMethods(type, methods::add, (method) -> {
			int modifiers = method.getModifiers();
			if (method.getDeclaringClass() == Object.class || Modifier.isStatic(modifiers) || method.isSynthetic()
					|| method.isBridge()) {
				return false;
			}
			return (Modifier.isFinal(modifiers) && !Modifier.isPrivate(modifiers))
					|| (Modifier.isPrivate(modifiers) && hasListenerAnnotation(method));
		});
		return methods;
	}

	/**
	 * Return the methods of the class annotated with {@code @ThreadLocalBoundary} that a
	 * proxy cannot advise: private and static ones.
	 */
	List<Method> unadvisableBoundaryMethods(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		ReflectionUtils.doWithMethods(type, methods::add, (method) -> {
			int modifiers = method.getModifiers();
			return (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers)) && !method.isSynthetic()
					&& AnnotatedElementUtils.hasAnnotation(method, ThreadLocalBoundary.class);
		});
		return methods;
	}

	private boolean hasListenerAnnotation(Method method) {
		for (BoundaryAnnotation annotation : this.annotations) {
			if (AnnotatedElementUtils.hasAnnotation(method, annotation.type())) {
				return true;
			}
		}
		return false;
	}

	private static boolean isAdvisable(Method method) {
		int modifiers = method.getModifiers();
		return !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers);
	}

}
