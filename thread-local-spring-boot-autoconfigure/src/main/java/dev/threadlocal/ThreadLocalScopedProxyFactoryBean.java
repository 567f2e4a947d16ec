package dev.threadlocal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.RawTargetAccess;
import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyConfig;
import org.springframework.aop.scope.DefaultScopedObject;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.FactoryBeanNotInitializedException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.cglib.core.ClassLoaderAwareGeneratorStrategy;
import org.springframework.cglib.core.SpringNamingPolicy;
import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.CallbackFilter;
import org.springframework.cglib.proxy.Dispatcher;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.Factory;
import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.cglib.proxy.MethodProxy;
import org.springframework.cglib.proxy.NoOp;
import org.springframework.objenesis.SpringObjenesis;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Scoped proxy factory bean for beans of the {@value ThreadLocalVarScope#SCOPE_NAME} scope
 * whose proxy finds the current thread's instance directly in {@link ThreadLocalVars}.
 * <p>
 * A drop-in replacement for Spring's {@link ScopedProxyFactoryBean} with class-based
 * proxies: each call on the proxy is dispatched straight to the current thread's target,
 * without {@code BeanFactory.getBean} and without an advice chain, and falls back to
 * {@code getBean} (so to the normal creation path, with {@code @PostConstruct}, AOP and
 * circular-reference checks) when the thread has no instance yet. The proxy implements
 * {@link ScopedObject}, {@link AopInfrastructureBean} and {@link SpringProxy}; like
 * Spring's scoped proxies, {@code equals} and {@code hashCode} are those of the proxy,
 * every other method, {@code toString} included, goes to the target, and a method that
 * returns the target itself returns the proxy. Unlike Spring's, the proxy is not
 * {@code Advised}, so {@code AopTestUtils.getTargetObject} returns it unchanged: use
 * {@link ScopedObject#getTargetObject()}. Interface-based proxies and final classes are
 * delegated to Spring's {@link ScopedProxyFactoryBean}.
 *
 * @since 0.1.0
 * @see ThreadLocalVarScopeConfigurer
 */
@SuppressWarnings("serial")
public class ThreadLocalScopedProxyFactoryBean extends ProxyConfig
		implements FactoryBean<Object>, BeanFactoryAware, AopInfrastructureBean {

	private static final int TARGET = 0;

	private static final int SCOPED_OBJECT = 1;

	private static final int PROXY_IDENTITY = 2;

	private static final int NO_OP = 3;

	private static final int TARGET_MAY_RETURN_ITSELF = 4;

	private static final SpringObjenesis objenesis = new SpringObjenesis();

	private @Nullable String targetBeanName;

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable Object proxy;

	/**
	 * Create a factory for class-based proxies, as {@link ScopedProxyFactoryBean} does.
	 */
	public ThreadLocalScopedProxyFactoryBean() {
		setProxyTargetClass(true);
	}

	/**
	 * Set the name of the bean that is to be scoped.
	 * @param targetBeanName the name of the target bean
	 */
	public void setTargetBeanName(String targetBeanName) {
		this.targetBeanName = targetBeanName;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (!(beanFactory instanceof ConfigurableBeanFactory configurableBeanFactory)) {
			throw new IllegalStateException("Not running in a ConfigurableBeanFactory: " + beanFactory);
		}
		Assert.state(this.targetBeanName != null, "Property 'targetBeanName' is required");
		this.beanFactory = configurableBeanFactory;
		Class<?> beanType = beanFactory.getType(this.targetBeanName);
		if (beanType == null) {
			throw new IllegalStateException("Cannot create scoped proxy for bean '" + this.targetBeanName
					+ "': Target type could not be determined at the time of proxy creation.");
		}
		this.proxy = canDispatch(beanType) ? createDispatchingProxy(configurableBeanFactory, beanType)
				: createStandardProxy(beanFactory);
	}

	private boolean canDispatch(Class<?> beanType) {
		int modifiers = beanType.getModifiers();
		return isProxyTargetClass() && !beanType.isInterface() && !Modifier.isPrivate(modifiers)
				&& !Modifier.isFinal(modifiers);
	}

	private Object createStandardProxy(BeanFactory beanFactory) {
		ScopedProxyFactoryBean standard = new ScopedProxyFactoryBean();
		standard.copyFrom(this);
		standard.setTargetBeanName(this.targetBeanName);
		standard.setBeanFactory(beanFactory);
		return standard.getObject();
	}

	private Object createDispatchingProxy(ConfigurableBeanFactory beanFactory, Class<?> beanType) {
		String targetBeanName = this.targetBeanName;
		Class<?> superclass = ClassUtils.getUserClass(beanType);
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		Enhancer enhancer = new Enhancer();
		enhancer.setSuperclass(superclass);
		enhancer.setInterfaces(new Class<?>[] { ScopedObject.class, AopInfrastructureBean.class, SpringProxy.class });
		enhancer.setNamingPolicy(SpringNamingPolicy.INSTANCE);
		enhancer.setAttemptLoad(true);
		if (classLoader != null) {
			enhancer.setClassLoader(classLoader);
			enhancer.setStrategy(new ClassLoaderAwareGeneratorStrategy(classLoader));
		}
		enhancer.setCallbackFilter(DispatchingCallbackFilter.INSTANCE);
		enhancer.setCallbackTypes(new Class<?>[] { Dispatcher.class, Dispatcher.class, MethodInterceptor.class,
				NoOp.class, MethodInterceptor.class });
		Class<?> proxyClass = enhancer.createClass();
		TargetDispatcher targetDispatcher = new TargetDispatcher(beanFactory, targetBeanName);
		Callback[] callbacks = new Callback[] { targetDispatcher,
				(Dispatcher) () -> new DefaultScopedObject(beanFactory, targetBeanName),
				new ProxyIdentityInterceptor(beanFactory, targetBeanName), NoOp.INSTANCE,
				new ReturnedTargetInterceptor(targetDispatcher) };
		Factory proxy = (Factory) instantiate(proxyClass);
		proxy.setCallbacks(callbacks);
		return proxy;
	}

	private static Object instantiate(Class<?> proxyClass) {
		if (objenesis.isWorthTrying()) {
			try {
				return objenesis.newInstance(proxyClass, true);
			}
			catch (Throwable ex) {
				// fall back to the default constructor below, as Spring's CGLIB proxies do
			}
		}
		try {
			return ReflectionUtils.accessibleConstructor(proxyClass).newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Unable to instantiate scoped proxy class " + proxyClass.getName()
					+ " with Objenesis or its default constructor", ex);
		}
	}

	@Override
	public Object getObject() {
		if (this.proxy == null) {
			throw new FactoryBeanNotInitializedException();
		}
		return this.proxy;
	}

	@Override
	public @Nullable Class<?> getObjectType() {
		if (this.proxy != null) {
			return this.proxy.getClass();
		}
		return (this.beanFactory != null && this.targetBeanName != null)
				? this.beanFactory.getType(this.targetBeanName) : null;
	}

	@Override
	public boolean isSingleton() {
		return true;
	}

	/**
	 * Sends each method to the callback that handles it.
	 */
	private static final class DispatchingCallbackFilter implements CallbackFilter {

		static final DispatchingCallbackFilter INSTANCE = new DispatchingCallbackFilter();

		@Override
		public int accept(Method method) {
			if (AopUtils.isFinalizeMethod(method)) {
				return NO_OP;
			}
			if (method.getDeclaringClass() == ScopedObject.class) {
				return SCOPED_OBJECT;
			}
			if (AopUtils.isEqualsMethod(method) || AopUtils.isHashCodeMethod(method)) {
				return PROXY_IDENTITY;
			}
			Class<?> returnType = method.getReturnType();
			if (returnType != void.class && returnType.isAssignableFrom(method.getDeclaringClass())
					&& !RawTargetAccess.class.isAssignableFrom(method.getDeclaringClass())) {
				return TARGET_MAY_RETURN_ITSELF;
			}
			return TARGET;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof DispatchingCallbackFilter;
		}

		@Override
		public int hashCode() {
			return DispatchingCallbackFilter.class.hashCode();
		}

	}

	/**
	 * Returns the current thread's target: straight from the thread's variables when it
	 * exists, else through {@code getBean}, which creates it.
	 */
	private static final class TargetDispatcher implements Dispatcher {

		private final ConfigurableBeanFactory beanFactory;

		private final String targetBeanName;

		private @Nullable ThreadLocalVars threadLocalVars;

		TargetDispatcher(ConfigurableBeanFactory beanFactory, String targetBeanName) {
			this.beanFactory = beanFactory;
			this.targetBeanName = targetBeanName;
		}

		@Override
		public Object loadObject() {
			ThreadLocalVars vars = this.threadLocalVars;
			if (vars == null) {
				vars = threadLocalVars();
			}
			Object target = (vars != null) ? vars.findScopedTarget(this.targetBeanName) : null;
			return (target != null) ? target : this.beanFactory.getBean(this.targetBeanName);
		}

		private @Nullable ThreadLocalVars threadLocalVars() {
			if (this.beanFactory.getRegisteredScope(ThreadLocalVarScope.SCOPE_NAME) instanceof ThreadLocalVarScope scope) {
				ThreadLocalVars vars = scope.getThreadLocalVars();
				this.threadLocalVars = vars;
				return vars;
			}
			return null;
		}

	}

	/**
	 * Calls a method that may return the target itself, returning the proxy instead, as
	 * Spring's proxies do: a fluent {@code return this} must not hand out the current
	 * thread's instance.
	 */
	private static final class ReturnedTargetInterceptor implements MethodInterceptor {

		private final TargetDispatcher targetDispatcher;

		ReturnedTargetInterceptor(TargetDispatcher targetDispatcher) {
			this.targetDispatcher = targetDispatcher;
		}

		@Override
		public @Nullable Object intercept(Object proxy, Method method, Object[] args, MethodProxy methodProxy)
				throws Throwable {
			Object target = this.targetDispatcher.loadObject();
			Object result = methodProxy.invoke(target, args);
			return (result == target) ? proxy : result;
		}

	}

	/**
	 * Gives the proxy the identity of Spring's scoped proxies: equal to any proxy for the
	 * same target bean of the same bean factory.
	 */
	private static final class ProxyIdentityInterceptor implements MethodInterceptor {

		private final ConfigurableBeanFactory beanFactory;

		private final String targetBeanName;

		ProxyIdentityInterceptor(ConfigurableBeanFactory beanFactory, String targetBeanName) {
			this.beanFactory = beanFactory;
			this.targetBeanName = targetBeanName;
		}

		@Override
		public Object intercept(Object proxy, Method method, Object[] args, MethodProxy methodProxy) {
			if (AopUtils.isHashCodeMethod(method)) {
				return ThreadLocalScopedProxyFactoryBean.class.hashCode() * 13 + this.targetBeanName.hashCode();
			}
			Object other = args[0];
			if (other == proxy) {
				return true;
			}
			return other instanceof Factory factory
					&& factory.getCallback(PROXY_IDENTITY) instanceof ProxyIdentityInterceptor otherIdentity
					&& otherIdentity.beanFactory == this.beanFactory
					&& otherIdentity.targetBeanName.equals(this.targetBeanName);
		}

	}

}
