package dev.threadlocal.pulsar;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlocal.BoundaryKind;
import dev.threadlocal.ThreadLocalScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.ThreadLocalVarsListener;
import dev.threadlocal.autoconfigure.ThreadLocalBoundaryAutoConfiguration;
import dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration;
import jakarta.annotation.PreDestroy;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.pulsar.annotation.PulsarListener;
import org.springframework.pulsar.annotation.PulsarReader;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @PulsarListener} and {@code @PulsarReader} methods run inside a listener
 * boundary. No Pulsar broker can run here, so the methods are invoked as Spring Pulsar's
 * endpoints invoke them: reflectively, on the bean reference the container gets (the
 * proxy), with {@link AopUtils#selectInvocableMethod}.
 */
class PulsarListenerBoundaryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ThreadLocalVarsAutoConfiguration.class, ThreadLocalBoundaryAutoConfiguration.class))
		.withUserConfiguration(PulsarConfiguration.class);

	@Test
	void eachListenerAndReaderCallIsAListenerBoundary() {
		this.contextRunner.run((context) -> {
			PulsarWork work = context.getBean(PulsarWork.class);
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(AopUtils.isCglibProxy(work)).isTrue();
			for (String body : List.of("l1", "l2")) {
				invokeAsTheContainerWould(work, "listen", body);
			}
			for (String body : List.of("r1", "r2")) {
				invokeAsTheContainerWould(work, "read", body);
			}
			assertThat(recorder.leftOver).containsExactly("none", "none", "none", "none");
			assertThat(recorder.inBoundary).containsOnly(true);
			assertThat(recorder.destroyed).hasValue(4);
			assertThat(recorder.kinds).containsExactly(BoundaryKind.LISTENER, BoundaryKind.LISTENER,
					BoundaryKind.LISTENER, BoundaryKind.LISTENER);
			assertThat(context.getBean(ThreadLocalVars.class).getLeaksDetected()).isZero();
		});
	}

	@Test
	void leavesPulsarMethodsAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("thread-local.listener.pulsar.enabled=false").run((context) -> {
			PulsarWork work = context.getBean(PulsarWork.class);
			Recorder recorder = context.getBean(Recorder.class);
			assertThat(AopUtils.isAopProxy(work)).isFalse();
			invokeAsTheContainerWould(work, "listen", "l1");
			invokeAsTheContainerWould(work, "read", "r1");
			// the second call finds the first one's state: nothing cleared the thread
			assertThat(recorder.leftOver).containsExactly("none", "l1");
			assertThat(recorder.destroyed).hasValue(0);
			context.getBean(ThreadLocalVars.class).clear();
		});
	}

	private static void invokeAsTheContainerWould(Object bean, String name, String body) {
		Method method = ReflectionUtils.findMethod(AopUtils.getTargetClass(bean), name, String.class);
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		ReflectionUtils.invokeMethod(invocable, bean, body);
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ PulsarWork.class, MessageBean.class, Recorder.class })
	static class PulsarConfiguration {

	}

	static class Recorder {

		final List<Object> leftOver = new CopyOnWriteArrayList<>();

		final List<Boolean> inBoundary = new CopyOnWriteArrayList<>();

		final List<BoundaryKind> kinds = new CopyOnWriteArrayList<>();

		final AtomicInteger destroyed = new AtomicInteger();

		Recorder(ThreadLocalVars vars) {
			vars.addListener(new ThreadLocalVarsListener() {

				@Override
				public void boundaryEnded(BoundaryKind kind, int variablesCleared) {
					Recorder.this.kinds.add(kind);
				}

			});
		}

	}

	@Component("messageBean")
	@ThreadLocalScope
	static class MessageBean {

		private final Recorder recorder;

		MessageBean(Recorder recorder) {
			this.recorder = recorder;
		}

		void use() {
		}

		@PreDestroy
		void destroyed() {
			this.recorder.destroyed.incrementAndGet();
		}

	}

	static class PulsarWork {

		private final ThreadLocalVars vars;

		private final MessageBean messageBean;

		private final Recorder recorder;

		PulsarWork(ThreadLocalVars vars, MessageBean messageBean, Recorder recorder) {
			this.vars = vars;
			this.messageBean = messageBean;
			this.recorder = recorder;
		}

		@PulsarListener(topics = "orders", subscriptionName = "orders-sub")
		void listen(String body) {
			handle(body);
		}

		@PulsarReader(topics = "orders", startMessageId = "earliest")
		void read(String body) {
			handle(body);
		}

		private void handle(String body) {
			Object leftOver = this.vars.find("message");
			this.recorder.leftOver.add((leftOver != null) ? leftOver : "none");
			this.recorder.inBoundary.add(this.vars.isInBoundary());
			this.vars.set("message", body);
			this.messageBean.use();
		}

	}

}
