package dev.threadlocal.propagation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import dev.threadlocal.ThreadLocalVars;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

/**
 * Registers a {@link ThreadLocalVarAccessor} for each of the given variable names with a
 * {@link ContextRegistry}, and removes them again when destroyed.
 * <p>
 * An accessor replaces any accessor registered earlier under the same key (Micrometer's
 * registry holds one per key, for the whole JVM); when destroyed, only accessors that are
 * still registered are removed, so closing one application context never removes
 * another's.
 *
 * @since 0.1.0
 */
public class ThreadLocalVarAccessorRegistrar implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(ThreadLocalVarAccessorRegistrar.class);

	private final ContextRegistry contextRegistry;

	private final List<ThreadLocalVarAccessor> accessors;

	/**
	 * Create a registrar for the named variables of the given {@link ThreadLocalVars}.
	 * @param contextRegistry the registry to register the accessors with, usually
	 * {@link ContextRegistry#getInstance()}
	 * @param threadLocalVars the variables
	 * @param names the names of the variables to propagate, not empty
	 */
	public ThreadLocalVarAccessorRegistrar(ContextRegistry contextRegistry, ThreadLocalVars threadLocalVars,
			Collection<String> names) {
		Assert.notNull(contextRegistry, "'contextRegistry' must not be null");
		Assert.notNull(threadLocalVars, "'threadLocalVars' must not be null");
		Assert.notEmpty(names, "'names' must not be empty");
		List<ThreadLocalVarAccessor> accessors = new ArrayList<>();
		for (String name : new LinkedHashSet<>(names)) {
			Assert.isTrue(name != null && !name.isBlank(), () -> "'names' must not contain a null or blank name: "
					+ names);
			accessors.add(new ThreadLocalVarAccessor(threadLocalVars, name));
		}
		this.contextRegistry = contextRegistry;
		this.accessors = List.copyOf(accessors);
	}

	/**
	 * Return the accessors, one per variable name.
	 * @return the accessors
	 */
	public List<ThreadLocalVarAccessor> getAccessors() {
		return this.accessors;
	}

	@Override
	public void afterPropertiesSet() {
		for (ThreadLocalVarAccessor accessor : this.accessors) {
			ThreadLocalAccessor<?> replaced = find(accessor.key());
			if (replaced != null && logger.isInfoEnabled()) {
				logger.info("Replacing context-propagation accessor " + replaced + " registered for key '"
						+ accessor.key() + "' with " + accessor + ": one accessor per key and JVM");
			}
			this.contextRegistry.registerThreadLocalAccessor(accessor);
		}
	}

	@Override
	public void destroy() {
		for (ThreadLocalVarAccessor accessor : this.accessors) {
			if (find(accessor.key()) == accessor) {
				this.contextRegistry.removeThreadLocalAccessor(accessor.key());
			}
		}
	}

	private @Nullable ThreadLocalAccessor<?> find(Object key) {
		for (ThreadLocalAccessor<?> accessor : this.contextRegistry.getThreadLocalAccessors()) {
			if (key.equals(accessor.key())) {
				return accessor;
			}
		}
		return null;
	}

}
