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
import java.util.List;

import dev.threadlocal.ThreadLocalVarScope;
import dev.threadlocal.ThreadLocalVars;
import dev.threadlocal.web.ThreadLocalVarsFilter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed starter, used as a user uses it, on a Tomcat with one worker thread.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1" })
class ConsumerApplicationTests {

	private static final String AUTOCONFIGURE_JAR = "/dev/threadlocal/thread-local-spring-boot-autoconfigure/";

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
	void nextRequestOnTheSameThreadFindsNothingLeft() throws Exception {
		String[] alice = get("/visit?user=alice");
		String[] peek = get("/peek");
		String[] bob = get("/visit?user=bob");
		assertThat(alice[1]).isEqualTo("alice");
		assertThat(alice[2]).isEqualTo("[alice]");
		assertThat(peek[0]).isEqualTo(alice[0]);
		assertThat(peek[1]).isEqualTo("none");
		assertThat(bob[0]).isEqualTo(alice[0]);
		assertThat(bob[1]).isEqualTo("bob");
		assertThat(bob[2]).isEqualTo("[bob]");
	}

	@Test
	void preDestroyRunsWhenTheRequestEnds() throws Exception {
		get("/visit?user=alice");
		get("/visit?user=bob");
		// One worker thread: this request starts only after the previous one was cleared.
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
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		return response.body().split("\\|");
	}

}
