package dev.threadlocal.threadscope;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.support.SimpleThreadScope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control of {@link ThreadScopeAliasIntegrationTests}: without the property, Spring's
 * {@code SimpleThreadScope} stays, so a thread-scoped bean lives on into the next request
 * on the same thread and is never destroyed.
 */
@SpringBootTest(classes = ThreadScopeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
@AutoConfigureTestRestTemplate
class ThreadScopeWithoutAliasIntegrationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private ConfigurableListableBeanFactory beanFactory;

	@Autowired
	private ThreadScopeApplication.Destroyed destroyed;

	@Test
	@SuppressWarnings("unchecked")
	void threadScopedBeansLiveOnAndAreNeverDestroyed() {
		assertThat(this.beanFactory.getRegisteredScope("thread")).isInstanceOf(SimpleThreadScope.class);
		Map<String, Object> first = this.rest.getForObject("/visit", Map.class);
		Map<String, Object> second = this.rest.getForObject("/visit", Map.class);
		assertThat(second.get("thread")).isEqualTo(first.get("thread"));
		assertThat((int) second.get("visits")).isEqualTo((int) first.get("visits") + 1);
		assertThat(this.destroyed.count.get()).isZero();
	}

}
