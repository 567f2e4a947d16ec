package com.example.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed starter, used as a user uses it, on a Tomcat with one worker thread or (with
 * {@code -Dcontainer=jetty}) on a Jetty with the smallest pool it starts with.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1", "server.jetty.threads.max=4",
				"server.jetty.threads.min=4", "server.jetty.threads.acceptors=1", "server.jetty.threads.selectors=1" })
class ConsumerApplicationTests {

	private static final String AUTOCONFIGURE_JAR = "/dev/threadlocal/thread-local-spring-boot-autoconfigure/";

	/**
	 * Sequential requests per test: more than either container has threads to serve them, so
	 * some requests run on a thread an earlier request of the same test used.
	 */
	private static final int ROUNDS = 4;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void runsOnTheExpectedSpringBootAndJava() {
		assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("expected.spring-boot.version"));
		String javaFeature = System.getProperty("expected.java.feature", "");
		if (!javaFeature.isEmpty()) {
			assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(javaFeature));
		}
	}

	@Test
	void runsOnTheExpectedContainer() throws ClassNotFoundException {
		Container expected = Container.expected();
		assertThat(ClassUtils.isPresent(expected.factoryClass, null)).as("%s on the classpath", expected).isTrue();
		assertThat(this.context.getBeansOfType(WebServerFactory.class).values()).singleElement()
			.isInstanceOf(Class.forName(expected.factoryClass));
		for (Container other : Container.values()) {
			if (other != expected) {
				assertThat(ClassUtils.isPresent(other.serverClass, null)).as("%s on the classpath", other).isFalse();
			}
		}
	}

	@Test
	void nextRequestOnTheSameThreadFindsNothingLeft() throws Exception {
		Set<String> threads = new LinkedHashSet<>();
		for (int i = 1; i <= ROUNDS; i++) {
			String user = "user" + i;
			String[] visit = get("/visit?user=" + user);
			String[] peek = get("/peek");
			assertThat(visit[1]).isEqualTo(user);
			assertThat(visit[2]).isEqualTo("[" + user + "]");
			assertThat(peek[1]).isEqualTo("none");
			threads.add(visit[0]);
			threads.add(peek[0]);
		}
		// Fewer threads than visits (one on Tomcat): a later visit ran where an earlier one left
		// its state, and a peek where a visit did.
		assertThat(threads).hasSizeLessThanOrEqualTo(Container.expected().servingThreads);
	}

	@Test
	void errorPageRunsAfterCleanupAndLeavesNothingBehind() throws Exception {
		Set<String> threads = new LinkedHashSet<>();
		for (int i = 1; i <= ROUNDS; i++) {
			HttpResponse<String> failed = send("/fail?user=user" + i);
			assertThat(failed.statusCode()).isEqualTo(500);
			String[] errorPage = failed.headers().firstValue("X-Error-Page").orElseThrow().split("\\|");
			// The failed request was cleared before the error page; an earlier error page too.
			assertThat(errorPage[1]).isEqualTo("none");
			assertThat(errorPage[2]).isEqualTo("[error page]");
			String[] peek = get("/peek");
			assertThat(peek[1]).isEqualTo("none");
			threads.add(errorPage[0]);
			threads.add(peek[0]);
		}
		assertThat(threads).hasSizeLessThanOrEqualTo(Container.expected().servingThreads);
		String[] stats = get("/stats");
		assertThat(stats[1]).isEqualTo(stats[0]);
	}

	@Test
	void preDestroyRunsWhenTheRequestEnds() throws Exception {
		get("/visit?user=alice");
		get("/visit?user=bob");
		// Both containers read the next request on a connection only after the previous one ended
		// (its filters included), and Tomcat has one worker thread: this request starts only after
		// the previous one was cleared.
		String[] stats = get("/stats");
		assertThat(Integer.parseInt(stats[0])).isGreaterThanOrEqualTo(2);
		assertThat(stats[1]).isEqualTo(stats[0]);
	}

	@Test
	void threadLocalScopeIsRegistered() {
		assertThat(this.context.getBeanFactory().getRegisteredScope(ThreadLocalVarScope.SCOPE_NAME))
			.isInstanceOf(ThreadLocalVarScope.class);
		assertThat(this.context.getBeansOfType(ThreadLocalVars.class)).hasSize(1);
	}

	@Test
	void requestFilterIsRegistered() {
		assertThat(this.context.getBeansOfType(FilterRegistrationBean.class).values())
			.anyMatch((registration) -> registration.getFilter() instanceof ThreadLocalVarsFilter);
	}

	@Test
	void autoConfigurationImportsComeFromTheInstalledJar() throws IOException {
		String imports = readFromInstalledJar(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		assertThat(imports.lines()).contains("dev.threadlocal.autoconfigure.ThreadLocalVarsAutoConfiguration");
	}

	@Test
	void configurationMetadataComesFromTheInstalledJar() throws IOException {
		String metadata = readFromInstalledJar("META-INF/spring-configuration-metadata.json").replaceAll("\\s", "");
		assertThat(metadata).contains("\"name\":\"thread-local.enabled\"", "\"name\":\"thread-local.filter.enabled\"",
				"\"name\":\"thread-local.filter.order\"", "\"name\":\"thread-local.task.enabled\"",
				"\"name\":\"thread-local.leak-detection\"", "\"name\":\"thread-local.strict\"");
		assertThat(metadata).contains("\"defaultValue\":-110");
	}

	private String readFromInstalledJar(String resource) throws IOException {
		List<URL> urls = new ArrayList<>();
		for (URL url : Collections.list(getClass().getClassLoader().getResources(resource))) {
			if (url.toString().contains(AUTOCONFIGURE_JAR)) {
				urls.add(url);
			}
		}
		assertThat(urls).as("%s in the installed autoconfigure jar", resource)
			.singleElement()
			.satisfies((url) -> assertThat(url.getProtocol()).isEqualTo("jar"));
		try (InputStream in = urls.get(0).openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String[] get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		return response.body().split("\\|");
	}

	private HttpResponse<String> send(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The container the build chose ({@code -Dcontainer}, Tomcat by default).
	 */
	private enum Container {

		/**
		 * One worker thread serves every request.
		 */
		TOMCAT("org.springframework.boot.tomcat.TomcatWebServerFactory", "org.apache.catalina.startup.Tomcat", 1),

		/**
		 * A pool of 4 less the acceptor: the selector's and the reserved thread's jobs move
		 * between the other 3, which all serve requests.
		 */
		JETTY("org.springframework.boot.jetty.JettyWebServerFactory", "org.eclipse.jetty.server.Server", 3);

		private final String factoryClass;

		private final String serverClass;

		private final int servingThreads;

		Container(String factoryClass, String serverClass, int servingThreads) {
			this.factoryClass = factoryClass;
			this.serverClass = serverClass;
			this.servingThreads = servingThreads;
		}

		static Container expected() {
			return valueOf(System.getProperty("expected.container", "tomcat").toUpperCase(Locale.ROOT));
		}

	}

}
