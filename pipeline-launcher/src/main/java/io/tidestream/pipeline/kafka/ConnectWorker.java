package io.tidestream.pipeline.kafka;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One worker of a distributed Kafka Connect cluster ({@code ConnectDistributed}). Its properties
 * are the project's {@code config/connect-distributed.properties} with the parts that depend on
 * where it runs (bootstrap servers, REST port, plugin path) filled in.
 */
public final class ConnectWorker {

  /** The worker's maximum heap unless the settings say otherwise. */
  public static final String DEFAULT_HEAP = "512m";

  /** Where and how to run the worker; {@code heap} is its {@code -Xmx} value. */
  public record Settings(
      String name,
      Path dir,
      Path baseProperties,
      String bootstrapServers,
      int restPort,
      Path pluginPath,
      String classPath,
      List<String> jvmArgs,
      Map<String, String> overrides,
      boolean detached,
      Path logFile,
      Path pidFile,
      String heap) {

    /** With the {@link #DEFAULT_HEAP default heap}. */
    public Settings(
        String name,
        Path dir,
        Path baseProperties,
        String bootstrapServers,
        int restPort,
        Path pluginPath,
        String classPath,
        List<String> jvmArgs,
        Map<String, String> overrides,
        boolean detached,
        Path logFile,
        Path pidFile) {
      this(
          name,
          dir,
          baseProperties,
          bootstrapServers,
          restPort,
          pluginPath,
          classPath,
          jvmArgs,
          overrides,
          detached,
          logFile,
          pidFile,
          DEFAULT_HEAP);
    }
  }

  private final Settings settings;
  private final ManagedProcess process;
  private final ConnectRestClient rest;

  private ConnectWorker(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
    this.rest = new ConnectRestClient(url());
  }

  public static ConnectWorker start(Settings s) {
    Path config = writeWorkerProperties(s);
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                s.name(),
                JvmOptions.command(
                    s.dir(),
                    s.heap(),
                    s.classPath(),
                    s.jvmArgs(),
                    "org.apache.kafka.connect.cli.ConnectDistributed",
                    config.toString()),
                Map.of(),
                s.dir(),
                s.logFile(),
                s.pidFile(),
                s.detached()));
    return new ConnectWorker(s, process);
  }

  /** Blocks until the worker's REST API answers and it has joined the cluster. */
  public ConnectWorker awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        "Connect worker " + settings.name() + " on port " + settings.restPort(),
        rest::isReady);
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + settings.restPort();
  }

  public ConnectRestClient rest() {
    return rest;
  }

  public ManagedProcess process() {
    return process;
  }

  public String name() {
    return settings.name();
  }

  public void stop() {
    process.stop(Duration.ofSeconds(30));
  }

  /** Kills the worker as a crash would ({@code kill -9}). */
  public void kill() {
    process.kill();
  }

  /** Starts this worker again with the same settings, e.g. after {@link #kill()}. */
  public ConnectWorker restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(settings.name() + " is still running");
    }
    return start(settings);
  }

  private static Path writeWorkerProperties(Settings s) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(s.baseProperties())) {
      props.load(in);
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot read the worker configuration " + s.baseProperties() + ": " + e.getMessage(), e);
    }
    props.setProperty("bootstrap.servers", s.bootstrapServers());
    props.setProperty("listeners", "http://127.0.0.1:" + s.restPort());
    props.setProperty("rest.advertised.host.name", "127.0.0.1");
    props.setProperty("rest.advertised.port", Integer.toString(s.restPort()));
    props.setProperty("plugin.path", s.pluginPath().toString());
    props.putAll(s.overrides());
    Path config = s.dir().resolve("worker.properties");
    try {
      Files.createDirectories(s.dir());
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "Written by the tidestream launcher from " + s.baseProperties());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
