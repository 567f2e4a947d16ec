package dev.threadlocal.threadscope;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application written for Spring's {@link SimpleThreadScope}: it registers it as
 * {@code thread} with a {@link CustomScopeConfigurer} and has a {@code @Scope("thread")}
 * bean with a {@code @PreDestroy} method.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ThreadScopeApplication.Destroyed.class, ThreadScopeApplication.Visits.class,
		ThreadScopeApplication.VisitsController.class })
class ThreadScopeApplication {

	@Bean
	static CustomScopeConfigurer threadScopeConfigurer() {
		CustomScopeConfigurer configurer = new CustomScopeConfigurer();
		configurer.addScope("thread", new SimpleThreadScope());
		return configurer;
	}

	/**
	 * Counts the destroyed thread-scoped beans.
	 */
	@Component
	static class Destroyed {

		final AtomicInteger count = new AtomicInteger();

	}

	/**
	 * Counts the visits of one thread, as long as the bean lives.
	 */
	@Component
	@Scope(value = "thread", proxyMode = ScopedProxyMode.TARGET_CLASS)
	static class Visits {

		private final Destroyed destroyed;

		private int count;

		Visits(Destroyed destroyed) {
			this.destroyed = destroyed;
		}

		int visit() {
			return ++this.count;
		}

		@PreDestroy
		void destroy() {
			this.destroyed.count.incrementAndGet();
		}

	}

	@RestController
	static class VisitsController {

		private final Visits visits;

		private final Destroyed destroyed;

		VisitsController(Visits visits, Destroyed destroyed) {
			this.visits = visits;
			this.destroyed = destroyed;
		}

		@GetMapping("/visit")
		Map<String, Object> visit() {
			return Map.of("thread", Thread.currentThread().getName(), "visits", this.visits.visit(), "destroyed",
					this.destroyed.count.get());
		}

	}

}
