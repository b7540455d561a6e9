package io.tidestream.pipeline.kafka;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.engine.Distributions;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Maven Central jars on the launcher's class path: the storage is formatted once, then {@code
 * kafka.Kafka} serves on loopback. The format is done in {@code data.partial} and moved to {@code
 * data} when it is complete, so a start interrupted while formatting is formatted again by the next
 * one, and a formatted {@code data} folder (which may hold records) is never touched.
 */
public final class KafkaBroker {

  /** Where and how to run the broker. */
  public record Settings(
      Path dir,
      int port,
      int controllerPort,
      String classPath,
      boolean detached,
      Path logFile,
      Path pidFile) {}

  private final Settings settings;
  private final ManagedProcess process;

  private KafkaBroker(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
  }

  /**
   * Writes the configuration and formats the storage unless that was done; {@link #start} does it
   * too.
   */
  public static Path prepare(Settings s) {
    Path config =
        writeServerProperties(s, s.dir().resolve("data"), s.dir().resolve("server.properties"));
    if (!Files.exists(s.dir().resolve("data").resolve("meta.properties"))) {
      format(s);
    }
    return config;
  }

  public static KafkaBroker start(Settings s) {
    Path config = prepare(s);
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                "kafka",
                JvmOptions.command(
                    s.dir(), "512m", s.classPath(), List.of(), "kafka.Kafka", config.toString()),
                Map.of(),
                s.dir(),
                s.logFile(),
                s.pidFile(),
                s.detached()));
    return new KafkaBroker(s, process);
  }

  /** Blocks until the broker answers a metadata request. */
  public KafkaBroker awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        "Kafka on port " + settings.port(),
        () -> {
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

  private static Path writeServerProperties(Settings s, Path logDir, Path config) {
    String controller = "127.0.0.1:" + s.controllerPort();
    String body =
        String.join(
            "\n",
            "# Written by the tidestream launcher: one KRaft node that is both broker and"
                + " controller.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + controller,
            "listeners=PLAINTEXT://127.0.0.1:" + s.port() + ",CONTROLLER://" + controller,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + s.port(),
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + logDir,
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

  /**
   * Formats a new storage in {@code data.partial} and moves it to {@code data}. A {@code data}
   * folder without {@code meta.properties} is what an interrupted format left: no broker ever
   * started on it (Kafka refuses an unformatted folder), so it holds nothing and is replaced.
   */
  private static void format(Settings s) {
    Path data = s.dir().resolve("data");
    Path staging = s.dir().resolve("data.partial");
    Path config = writeServerProperties(s, staging, s.dir().resolve("format.properties"));
    Distributions.deleteRecursively(staging);
    List<String> cmd =
        JvmOptions.command(
            s.dir(),
            "256m",
            s.classPath(),
            List.of(),
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString());
    // attached: stopped with the launcher when a start is interrupted while formatting
    ManagedProcess tool =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                "kafka-storage-format", cmd, Map.of(), s.dir(), s.logFile(), null, false));
    if (!tool.awaitExit(Duration.ofMinutes(2))
        || !Files.isRegularFile(staging.resolve("meta.properties"))) {
      tool.stop(Duration.ofSeconds(5));
      throw new LauncherException(
          "Formatting Kafka's storage failed; see "
              + s.logFile()
              + ":\n"
              + ManagedProcess.LogFiles.tail(s.logFile(), 15));
    }
    try {
      Distributions.deleteRecursively(data);
      Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(config);
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot move Kafka's formatted storage from "
              + staging
              + " to "
              + data
              + ": "
              + e.getMessage()
              + "; remove "
              + data
              + " and start again.",
          e);
    }
  }
}
