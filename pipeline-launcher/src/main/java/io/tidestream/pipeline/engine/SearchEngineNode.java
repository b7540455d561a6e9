package io.tidestream.pipeline.engine;

import io.tidestream.pipeline.BuildInfo;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.Jdks;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.RunAs;
import io.tidestream.pipeline.process.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A single-node OpenSearch or Elasticsearch on loopback, run from the unpacked distribution with
 * its own configuration folder, data and logs under {@code nodeDir}. As root it runs as the
 * unprivileged user of {@link RunAs}.
 */
public final class SearchEngineNode {

  /**
   * Where and how to run the node; {@code transportPorts} is a port or a range such as {@code
   * 9300-9399}.
   */
  public record Settings(
      EngineKind kind,
      Path distributionsDir,
      Path nodeDir,
      int httpPort,
      String transportPorts,
      String heap,
      List<String> extraSettings,
      boolean detached,
      Path logFile,
      Path pidFile) {}

  /** In a node's {@code config} folder once it is completely copied. */
  static final String CONFIG_COMPLETE = ".tidestream-config-complete";

  private final Settings settings;
  private final BuildInfo build;
  private final ManagedProcess process;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

  private SearchEngineNode(Settings settings, BuildInfo build, ManagedProcess process) {
    this.settings = settings;
    this.build = build;
    this.process = process;
  }

  /**
   * Everything a node needs before it runs, each step either done again or complete: the
   * distribution unpacked ({@link Distributions#unpack}), the node's configuration folder copied
   * from it into {@code config.partial} and moved to {@code config} with a marker, and the keystore
   * file the engine leaves half-saved when it is stopped while creating it removed. Data is never
   * touched. {@link #start} does it too.
   */
  public static Path prepare(Settings s, BuildInfo build) {
    Path home = Distributions.unpack(s.kind(), build, s.distributionsDir());
    Path conf = s.nodeDir().resolve("config");
    try {
      Files.createDirectories(s.nodeDir().resolve("data"));
      Files.createDirectories(s.nodeDir().resolve("logs"));
      Files.createDirectories(s.logFile().getParent());
      if (!Files.isRegularFile(conf.resolve(CONFIG_COMPLETE))) {
        Path staging = s.nodeDir().resolve("config.partial");
        Distributions.deleteRecursively(staging);
        copyConfig(home.resolve("config"), staging);
        Files.writeString(
            staging.resolve(CONFIG_COMPLETE), "copied from " + home.resolve("config") + "\n");
        Distributions.deleteRecursively(conf);
        Files.move(staging, conf, StandardCopyOption.ATOMIC_MOVE);
      }
      // The engine writes its keystore to <name>.keystore.tmp, then renames it. Stopped in between,
      // it leaves the temporary file, and refuses every later start (FileAlreadyExistsException)
      // while
      // it is there. The engine is not running now: the file is a leftover.
      Files.deleteIfExists(conf.resolve(s.kind().family().artifactId + ".keystore.tmp"));
      if (!Files.exists(s.logFile())) {
        Files.createFile(s.logFile());
      }
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot prepare " + s.kind().id() + " in " + s.nodeDir() + ": " + e.getMessage(), e);
    }
    RunAs.handOver(s.nodeDir());
    RunAs.handOver(s.distributionsDir());
    return home;
  }

  public static SearchEngineNode start(Settings s, BuildInfo build) {
    EngineKind kind = s.kind();
    Path javaHome = Jdks.find(kind.minJava, kind.maxJava, kind.id());
    Path home = prepare(s, build);
    Path conf = s.nodeDir().resolve("config");
    Path data = s.nodeDir().resolve("data");
    Path logs = s.nodeDir().resolve("logs");

    List<String> cmd = new ArrayList<>(RunAs.prefix());
    cmd.add(home.resolve("bin").resolve(kind.family().artifactId).toString());
    List<String> settingsList =
        new ArrayList<>(
            List.of(
                "cluster.name=tidestream",
                "node.name=" + kind.id(),
                "network.host=127.0.0.1",
                "http.port=" + s.httpPort(),
                "transport.port=" + s.transportPorts(),
                "discovery.type=single-node",
                "path.data=" + data,
                "path.logs=" + logs,
                "cluster.routing.allocation.disk.threshold_enabled=false"));
    settingsList.addAll(kind.extraSettings());
    settingsList.addAll(s.extraSettings());
    settingsList.forEach(setting -> cmd.add("-E" + setting));

    Map<String, String> env = new HashMap<>();
    env.put(kind.family().javaHomeVar, javaHome.toString());
    env.put("JAVA_HOME", javaHome.toString());
    env.put(kind.family().javaOptsVar, "-Xms" + s.heap() + " -Xmx" + s.heap());
    env.put(kind.family().pathConfVar, conf.toString());
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                kind.id(), cmd, env, s.nodeDir(), s.logFile(), s.pidFile(), s.detached()));
    return new SearchEngineNode(s, build, process);
  }

  private static void copyConfig(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Blocks until the cluster is at least yellow. */
  public SearchEngineNode awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        settings.kind().id() + " on port " + settings.httpPort(),
        () -> http.get(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s").ok());
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + settings.httpPort();
  }

  public EngineKind kind() {
    return settings.kind();
  }

  public ManagedProcess process() {
    return process;
  }

  public void stop() {
    process.stop(Duration.ofSeconds(30));
  }

  /** Starts the node again on the same port and data after {@link #stop()}. */
  public SearchEngineNode restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(settings.kind().id() + " is still running");
    }
    return start(settings, build);
  }
}
