package dev.threadlocal.war;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Tomcat distribution started as a separate process with the JDK that runs the tests, on
 * a fresh {@code CATALINA_BASE} with a small fixed thread pool on a free loopback port, and
 * the WAR deployed as {@code /app}.
 */
final class StandaloneTomcat implements AutoCloseable {

	/**
	 * Prefix of the names of the connector's worker threads.
	 */
	static final String THREAD_PREFIX = "war-exec-";

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Duration UNDEPLOY = Duration.ofSeconds(30);

	private static final Duration STOP = Duration.ofSeconds(30);

	private final Path home;

	private final Path base;

	private final Path console;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Process process;

	private StandaloneTomcat(Path home, Path base, int port) {
		this.home = home;
		this.base = base;
		this.console = base.resolve("logs/console.out");
		this.port = port;
	}

	/**
	 * Prepare a {@code CATALINA_BASE}, deploy the WAR as {@code app} with the given context
	 * parameters, and start Tomcat.
	 * @param home the unpacked distribution ({@code CATALINA_HOME})
	 * @param base the directory to use as {@code CATALINA_BASE}, emptied first
	 * @param war the WAR to deploy
	 * @param threads the number of worker threads, both minimum and maximum
	 * @param contextParameters context parameters of the application, for example
	 * Spring Boot properties
	 * @return the started Tomcat, with the application deployed
	 */
	static StandaloneTomcat start(Path home, Path base, Path war, int threads, Map<String, String> contextParameters)
			throws IOException {
		deleteRecursively(base);
		for (String dir : List.of("conf/Catalina/localhost", "webapps", "logs", "temp", "work")) {
			Files.createDirectories(base.resolve(dir));
		}
		for (String file : List.of("web.xml", "catalina.properties", "logging.properties")) {
			Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
		}
		int port = freePort();
		Files.writeString(base.resolve("conf/server.xml"), serverXml(port, threads));
		StringBuilder context = new StringBuilder("<Context>\n");
		contextParameters.forEach((name, value) -> context.append("\t<Parameter name=\"")
			.append(name)
			.append("\" value=\"")
			.append(value)
			.append("\" override=\"false\"/>\n"));
		Files.writeString(base.resolve("conf/Catalina/localhost/app.xml"), context.append("</Context>\n"));
		Files.copy(war, base.resolve("webapps/app.war"));
		StandaloneTomcat tomcat = new StandaloneTomcat(home, base, port);
		tomcat.startProcess();
		return tomcat;
	}

	private static String serverXml(int port, int threads) {
		// shutdown port -1: no shutdown socket; the process is stopped by a signal instead
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<Server port="-1" shutdown="SHUTDOWN">
					<Service name="Catalina">
						<Executor name="pool" namePrefix="%s" maxThreads="%d" minSpareThreads="%d"/>
						<Connector executor="pool" address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
						<Engine name="Catalina" defaultHost="localhost" backgroundProcessorDelay="1">
							<Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="true"/>
						</Engine>
					</Service>
				</Server>
				""".formatted(THREAD_PREFIX, threads, threads, port);
	}

	private void startProcess() throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				// as catalina.sh: the leak detector reads other threads' ThreadLocal maps
				"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
				"--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
				"--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
				"--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
				"-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
				"-Djava.util.logging.config.file=" + this.base.resolve("conf/logging.properties"),
				"-Djava.protocol.handler.pkgs=org.apache.catalina.webresources",
				"-Dcatalina.home=" + this.home, "-Dcatalina.base=" + this.base,
				"-Djava.io.tmpdir=" + this.base.resolve("temp"), "-cp",
				this.home.resolve("bin/bootstrap.jar") + ":" + this.home.resolve("bin/tomcat-juli.jar"),
				"org.apache.catalina.startup.Bootstrap", "start"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.base.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.console.toFile());
		builder.environment().put("CATALINA_HOME", this.home.toString());
		builder.environment().put("CATALINA_BASE", this.base.toString());
		this.process = builder.start();
		await("Tomcat on port " + this.port + " deploying /app").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.failFast("Tomcat exited", () -> !this.process.isAlive())
			.until(() -> get("/app/counts").statusCode() == 200);
	}

	/**
	 * Send a GET request to the given path.
	 */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * Undeploy the application the way an operator does without the manager: remove its
	 * WAR from {@code webapps} and let auto-deployment notice; wait until it is gone.
	 * <p>
	 * No request is sent meanwhile: one would run the application's filter on a worker
	 * thread and clear what the leak detector is about to look for.
	 */
	void undeploy() throws IOException {
		Path expanded = this.base.resolve("webapps/app");
		if (!Files.isDirectory(expanded)) {
			throw new IllegalStateException("Expected Tomcat to have expanded the WAR into " + expanded);
		}
		Files.delete(this.base.resolve("webapps/app.war"));
		// Tomcat deletes the expanded directory once the context has been stopped
		await("Tomcat undeploying /app").atMost(UNDEPLOY)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(expanded));
	}

	/**
	 * Stop Tomcat cleanly (its shutdown hook stops the server) and wait for the process.
	 */
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * What Tomcat and the application wrote to the process's standard output and error
	 * (Tomcat's console handler gets every log record, like {@code catalina.out}).
	 */
	String log() {
		try {
			return Files.exists(this.console) ? Files.readString(this.console, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
