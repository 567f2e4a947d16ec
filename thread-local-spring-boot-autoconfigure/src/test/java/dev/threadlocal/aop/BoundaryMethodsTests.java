package dev.threadlocal.aop;

import java.lang.reflect.Method;
import java.util.List;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalBoundary;
import org.junit.jupiter.api.Test;

import org.springframework.context.event.EventListener;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.annotation.JmsListeners;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundaryMethods}.
 */
class BoundaryMethodsTests {

	private final BoundaryMethods methods = new BoundaryMethods(
			List.of(new BoundaryAnnotation(EventListener.class, BoundaryKind.EVENT),
					new BoundaryAnnotation(JmsListener.class, BoundaryKind.LISTENER),
					new BoundaryAnnotation(JmsListeners.class, BoundaryKind.LISTENER)));

	@Test
	void findsTheKindOfEachListenerAnnotationAlsoAsAMetaAnnotation() {
		assertThat(kindOf(Listeners.class, "onEvent")).isEqualTo(BoundaryKind.EVENT);
		assertThat(kindOf(Listeners.class, "onTransactionalEvent")).isEqualTo(BoundaryKind.EVENT);
		assertThat(kindOf(Listeners.class, "onMessage")).isEqualTo(BoundaryKind.LISTENER);
		assertThat(kindOf(Listeners.class, "onMessagesOfTwoQueues")).isEqualTo(BoundaryKind.LISTENER);
		assertThat(kindOf(Listeners.class, "plain")).isNull();
	}

	@Test
	void prefersTheMethodsOwnThreadLocalBoundary() {
		assertThat(kindOf(Listeners.class, "onMessageAsStep")).isEqualTo(BoundaryKind.STEP);
	}

	@Test
	void neverMatchesPrivateStaticOrFinalMethods() {
		assertThat(kindOf(Unadvisable.class, "privateMethod")).isNull();
		assertThat(kindOf(Unadvisable.class, "staticMethod")).isNull();
		assertThat(kindOf(Unadvisable.class, "finalMethod")).isNull();
		assertThat(kindOf(Unadvisable.class, "toString")).isNull();
		assertThat(kindOf(Unadvisable.class, "publicMethod")).isEqualTo(BoundaryKind.EXPLICIT);
	}

	@Test
	void findsTheKindOfAnInheritedListenerMethod() {
		assertThat(kindOf(SubListeners.class, "onEvent")).isEqualTo(BoundaryKind.EVENT);
	}

	@Test
	void listsFinalMethodsAndPrivateListenerMethodsThatAProxyWouldRunOnItself() {
		assertThat(this.methods.methodsRunOnTheProxy(Unadvisable.class)).extracting(Method::getName)
			.containsExactlyInAnyOrder("finalMethod", "privateListener");
		assertThat(this.methods.methodsRunOnTheProxy(Listeners.class)).isEmpty();
	}

	private BoundaryKind kindOf(Class<?> type, String name) {
		Method method = ReflectionUtils.findMethod(type, name, (Class<?>[]) null);
		if (method == null) {
			method = ReflectionUtils.findMethod(type, name, Object.class);
		}
		return this.methods.kindOf(method, type);
	}

	static class Listeners {

		@EventListener
		void onEvent(Object event) {
		}

		@TransactionalEventListener
		void onTransactionalEvent(Object event) {
		}

		@JmsListener(destination = "queue")
		void onMessage(Object message) {
		}

		@JmsListener(destination = "one")
		@JmsListener(destination = "two")
		void onMessagesOfTwoQueues(Object message) {
		}

		@JmsListener(destination = "queue")
		@ThreadLocalBoundary(kind = BoundaryKind.STEP)
		void onMessageAsStep(Object message) {
		}

		void plain() {
		}

	}

	static class SubListeners extends Listeners {

	}

	@ThreadLocalBoundary
	static class Unadvisable {

		public void publicMethod() {
		}

		private void privateMethod() {
		}

		@EventListener
		private void privateListener(Object event) {
		}

		static void staticMethod() {
		}

		final void finalMethod() {
		}

		@Override
		public String toString() {
			return "unadvisable";
		}

	}

}
