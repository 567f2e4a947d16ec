package dev.threadlocal.threadscope;

import java.util.Map;

import dev.threadlocal.ThreadLocalVarScope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code thread-local.register-as-thread-scope=true}, an application's
 * {@code @Scope("thread")} beans, registered for Spring's {@code SimpleThreadScope}, are
 * destroyed with {@code @PreDestroy} when each request ends.
 */
@SpringBootTest(classes = ThreadScopeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
				"thread-local.register-as-thread-scope=true" })
@AutoConfigureTestRestTemplate
class ThreadScopeAliasIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ConfigurableListableBeanFactory beanFactory;

	@Autowired
	private ThreadScopeApplication.Destroyed destroyed;

	@Test
	void threadScopeIsReplaced() {
		assertThat(this.beanFactory.getRegisteredScope("thread")).isInstanceOf(ThreadLocalVarScope.class);
	}

	@Test
	@SuppressWarnings("unchecked")
	void threadScopedBeansAreDestroyedWhenEachRequestEnds() {
		int destroyedBefore = this.destroyed.count.get();
		Map<String, Object> first = this.rest.getForObject("/visit", Map.class);
		Map<String, Object> second = this.rest.getForObject("/visit", Map.class);
		assertThat(second.get("thread")).isEqualTo(first.get("thread"));
		assertThat(first).containsEntry("visits", 1);
		assertThat(second).containsEntry("visits", 1);
		await().untilAsserted(() -> assertThat(this.destroyed.count.get()).isEqualTo(destroyedBefore + 2));
	}

}
