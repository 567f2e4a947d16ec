package dev.threadlocal.amqp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real RabbitMQ broker (Debian's {@code rabbitmq-server} package) for every RabbitMQ
 * test class of the test JVM: started on first use on 127.0.0.1 with its own node name,
 * free ports, Erlang cookie and temporary data and log directories, and no plugins; stopped
 * with its {@code epmd} when the JVM exits. Each test class uses its own queues, since the
 * test context cache keeps earlier contexts (and their listeners) running.
 * <p>
 * Where the package is not installed the tests are skipped with a loud message (
 * {@code .ci/run} installs it as root). Where it is installed but the broker does not start
 * within {@value #STARTUP_SECONDS} seconds, they fail.
 */
final class RabbitBroker {

	/**
	 * Where Debian's package puts the scripts that run as the calling user (those in
	 * {@code /usr/sbin} switch to the {@code rabbitmq} user); the system property
	 * {@code thread-local.rabbitmq.scripts} overrides it.
	 */
	static final String SCRIPTS = System.getProperty("thread-local.rabbitmq.scripts", "/usr/lib/rabbitmq/bin");

	private static final long STARTUP_SECONDS = 90;

	private static final String NOT_INSTALLED = "########## RabbitMQ is not installed (no " + SCRIPTS
			+ "/rabbitmq-server: install Debian's rabbitmq-server package as root, as .ci/run does): "
			+ "the RabbitMQ tests are SKIPPED ##########";

	private static Broker broker;

	private static RuntimeException startFailure;

	private RabbitBroker() {
	}

	/**
	 * Return the AMQP port of the running broker, starting it first if needed. Skips the
	 * calling test when RabbitMQ is not installed.
	 * @return the port on 127.0.0.1
	 */
	static synchronized int port() {
		if (!isInstalled()) {
			System.err.println(NOT_INSTALLED);
			Assumptions.abort(NOT_INSTALLED);
		}
		if (startFailure != null) {
			throw new IllegalStateException("RabbitMQ failed to start earlier in this test JVM", startFailure);
		}
		if (broker == null) {
			try {
				broker = Broker.start("", freePort());
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "rabbitmq-shutdown"));
		}
		return broker.amqpPort;
	}

	/**
	 * Start a broker of its own (own node name, data directories and ports except the AMQP
	 * port given) for a test that needs one that is not running at first. Skips the calling
	 * test when RabbitMQ is not installed.
	 * @param name what makes the node's name unique in the test JVM
	 * @param amqpPort the AMQP port on 127.0.0.1, for example one from {@link #freePort()}
	 * @return the running broker, stopped when closed or when the JVM exits
	 */
	static AutoCloseable startOwn(String name, int amqpPort) {
		if (!isInstalled()) {
			System.err.println(NOT_INSTALLED);
			Assumptions.abort(NOT_INSTALLED);
		}
		Broker own = Broker.start("-" + name, amqpPort);
		Thread shutdown = new Thread(own::stop, "rabbitmq-shutdown-" + name);
		Runtime.getRuntime().addShutdownHook(shutdown);
		return () -> {
			own.stop();
			Runtime.getRuntime().removeShutdownHook(shutdown);
		};
	}

	/**
	 * Return a port on 127.0.0.1 that was free when this method returned.
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean isInstalled() {
		return new File(SCRIPTS, "rabbitmq-server").canExecute();
	}

	/**
	 * Skips a test class, loudly, where RabbitMQ is not installed, before its application
	 * context is loaded; each of its tests is then reported as skipped.
	 */
	static final class Installed implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (isInstalled()) {
				return ConditionEvaluationResult.enabled("RabbitMQ is installed in " + SCRIPTS);
			}
			System.err.println(NOT_INSTALLED);
			return ConditionEvaluationResult.disabled(NOT_INSTALLED);
		}

	}

	private record Broker(Process process, String node, Map<String, String> environment, Path directory,
			int amqpPort, int epmdPort) {

		static Broker start(String nameSuffix, int amqpPort) {
			try {
				Path directory = Files.createTempDirectory("thread-local-rabbitmq");
				Path home = Files.createDirectories(directory.resolve("home"));
				Path plugins = Files.writeString(directory.resolve("enabled_plugins"), "[].");
				Path envFile = Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
				int distPort = freePort();
				int epmdPort = freePort();
				String node = "thread-local-" + ProcessHandle.current().pid() + nameSuffix + "@localhost";
				String loopback = "-kernel inet_dist_use_interface {127,0,0,1}";
				Map<String, String> environment = Map.ofEntries(Map.entry("HOME", home.toString()),
						Map.entry("RABBITMQ_NODENAME", node), Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
						Map.entry("RABBITMQ_NODE_PORT", Integer.toString(amqpPort)),
						Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
						Map.entry("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString()),
						Map.entry("RABBITMQ_LOG_BASE", directory.resolve("log").toString()),
						Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString()),
						Map.entry("RABBITMQ_CONF_ENV_FILE", envFile.toString()),
						Map.entry("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq").toString()),
						Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", loopback),
						Map.entry("RABBITMQ_CTL_ERL_ARGS", loopback), Map.entry("ERL_EPMD_ADDRESS", "127.0.0.1"),
						Map.entry("ERL_EPMD_PORT", Integer.toString(epmdPort)));
				ProcessBuilder builder = new ProcessBuilder(SCRIPTS + "/rabbitmq-server").directory(directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(directory.resolve("server.out").toFile());
				builder.environment().putAll(environment);
				Broker broker = new Broker(builder.start(), node, environment, directory, amqpPort, epmdPort);
				try {
					broker.awaitStartup();
				}
				catch (RuntimeException ex) {
					broker.stop();
					throw ex;
				}
				return broker;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("RabbitMQ is installed but could not be started", ex);
			}
		}

		private void awaitStartup() throws IOException {
			try {
				await().atMost(Duration.ofSeconds(STARTUP_SECONDS)).pollInterval(Duration.ofMillis(500)).until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("RabbitMQ is installed but its server exited with "
								+ this.process.exitValue() + " while starting:\n" + serverOutput());
					}
					return ctl(Duration.ofSeconds(30), "await_startup", "--timeout", "20") == 0;
				});
			}
			catch (ConditionTimeoutException ex) {
				String output = serverOutput();
				throw new IllegalStateException("RabbitMQ is installed but did not start within " + STARTUP_SECONDS
						+ " seconds:\n" + output, ex);
			}
		}

		void stop() {
			try {
				if (this.process.isAlive()) {
					ctl(Duration.ofSeconds(30), "shutdown");
				}
				destroy(this.process.toHandle());
				run(Duration.ofSeconds(10), "epmd", "-port", Integer.toString(this.epmdPort), "-kill");
				try (Stream<Path> paths = Files.walk(this.directory)) {
					paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
				}
			}
			catch (IOException | RuntimeException ex) {
				System.err.println("Could not stop RabbitMQ node " + this.node + " cleanly: " + ex);
			}
		}

		private int ctl(Duration timeout, String... arguments) throws IOException {
			List<String> command = new ArrayList<>(List.of(SCRIPTS + "/rabbitmqctl", "-n", this.node, "-q"));
			command.addAll(List.of(arguments));
			return run(timeout, command.toArray(new String[0]));
		}

		private int run(Duration timeout, String... command) throws IOException {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("ctl.out").toFile());
			builder.environment().putAll(this.environment);
			Process started = builder.start();
			try {
				if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					destroy(started.toHandle());
					return -1;
				}
				return started.exitValue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				destroy(started.toHandle());
				return -1;
			}
		}

		private static void destroy(ProcessHandle process) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
		}

		private String serverOutput() throws IOException {
			Path output = this.directory.resolve("server.out");
			return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(no output)";
		}

	}

}
