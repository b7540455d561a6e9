package io.tidestream.pipeline.kafka;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka in KRaft combined mode (broker and controller in one process), run from the
 * Maven Central jars on the launcher's class path: the storage is formatted once, then
 * {@code kafka.Kafka} serves on loopback.
 */
public final class KafkaBroker {

  /** Where and how to run the broker. */
  public record Settings(Path dir, int port, int controllerPort, String classPath, boolean detached, Path logFile,
      Path pidFile) {}

  private final Settings settings;
  private final ManagedProcess process;

  private KafkaBroker(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
  }

  public static KafkaBroker start(Settings s) {
    Path config = writeServerProperties(s);
    if (!Files.exists(s.dir().resolve("data").resolve("meta.properties"))) {
      format(s, config);
    }
    ManagedProcess process = ManagedProcess.start(new ManagedProcess.Spec("kafka",
        JvmOptions.command(s.dir(), "512m", s.classPath(), List.of(), "kafka.Kafka", config.toString()),
        Map.of(), s.dir(), s.logFile(), s.pidFile(), s.detached()));
    return new KafkaBroker(s, process);
  }

  /** Blocks until the broker answers a metadata request. */
  public KafkaBroker awaitReady(Duration timeout) {
    Waits.until(process, timeout, "Kafka on port " + settings.port(), () -> {
      try (Admin admin = admin()) {
        return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    return this;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + settings.port();
  }

  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(p);
  }

  public ManagedProcess process() {
    return process;
  }

  public void stop() {
    process.stop(Duration.ofSeconds(30));
  }

  private static Path writeServerProperties(Settings s) {
    Path config = s.dir().resolve("server.properties");
    String controller = "127.0.0.1:" + s.controllerPort();
    String body = String.join("\n",
        "# Written by the tidestream launcher: one KRaft node that is both broker and controller.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + s.port() + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + s.port(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + s.dir().resolve("data"),
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=10",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.retention.hours=168",
        "");
    try {
      Files.createDirectories(s.dir());
      Files.writeString(config, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  private static void format(Settings s, Path config) {
    List<String> cmd = JvmOptions.command(s.dir(), "256m", s.classPath(), List.of(), "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
    try {
      Files.createDirectories(s.logFile().getParent());
      Process p = new ProcessBuilder(cmd).directory(s.dir().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(s.logFile().toFile())).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new LauncherException("Formatting Kafka's storage failed; see " + s.logFile() + ":\n"
            + ManagedProcess.LogFiles.tail(s.logFile(), 15));
      }
    } catch (IOException e) {
      throw new LauncherException("Cannot run Kafka's storage tool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("Interrupted while formatting Kafka's storage", e);
    }
  }
}
