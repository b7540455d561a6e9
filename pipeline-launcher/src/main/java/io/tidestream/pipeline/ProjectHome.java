package io.tidestream.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checkout the pipeline runs from, and where each module's build output lies in it. Found from
 * {@code -Dtidestream.home}, the {@code TIDESTREAM_HOME} variable (set by {@code ./pipeline}), or
 * by walking up from the working directory to the folder that holds {@code pipeline-launcher}.
 */
public final class ProjectHome {

  private final Path root;
  private final BuildInfo build;

  public ProjectHome(Path root, BuildInfo build) {
    this.root = root.toAbsolutePath().normalize();
    this.build = build;
  }

  public static ProjectHome locate() {
    BuildInfo build = BuildInfo.load();
    String prop = System.getProperty("tidestream.home");
    if (prop != null && !prop.isBlank()) {
      return new ProjectHome(Path.of(prop), build);
    }
    String env = System.getenv("TIDESTREAM_HOME");
    if (env != null && !env.isBlank()) {
      return new ProjectHome(Path.of(env), build);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("pipeline-launcher"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return new ProjectHome(dir, build);
      }
    }
    throw new LauncherException(
        "Cannot find the tidestream checkout: run ./pipeline from the repository, or set"
            + " TIDESTREAM_HOME to it.");
  }

  public Path root() {
    return root;
  }

  public BuildInfo build() {
    return build;
  }

  public Path configDir() {
    return root.resolve("config");
  }

  /** Prometheus configuration, exporter rules and alert rules. */
  public Path prometheusDir() {
    return root.resolve("prometheus");
  }

  /** The JMX exporter's rules: which MBeans become which Prometheus metrics. */
  public Path jmxExporterRules() {
    return prometheusDir().resolve("jmx-exporter.yml");
  }

  /** The alert rules Prometheus loads. */
  public Path alertRules() {
    return prometheusDir().resolve("alerts.yml");
  }

  /** The connector plugin ZIPs, built by {@code ./mvnw package}. */
  public List<Path> pluginZips() {
    return List.of(
        moduleArtifact("noaa-rest-source", ".zip"), moduleArtifact("elastic-geo-sink", ".zip"));
  }

  /** Class path that runs Kafka and Connect: the launcher jar and its runtime dependencies. */
  public String kafkaClassPath() {
    return classPathOf("pipeline-launcher");
  }

  /**
   * Class path of a Connect worker of Kafka {@code kafkaVersion}: the launcher's own for {@link
   * BuildInfo#kafkaVersion() its version}, else what module {@code connect-runtimes/kafka-VERSION}
   * resolved (its {@code target/classpath.txt}).
   */
  public String connectClassPath(String kafkaVersion) {
    if (kafkaVersion.equals(build.kafkaVersion())) {
      return kafkaClassPath();
    }
    Path runtime = root.resolve("connect-runtimes").resolve("kafka-" + kafkaVersion);
    if (!Files.isDirectory(runtime)) {
      throw new LauncherException(
          "No Connect runtime of Kafka "
              + kafkaVersion
              + " in this checkout: use "
              + build.kafkaVersion()
              + " or one of the folders connect-runtimes/kafka-*, or add a module there.");
    }
    Path deps = runtime.resolve("target").resolve("classpath.txt");
    requireBuilt(deps);
    try {
      return Files.readString(deps).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Class path that runs the NOAA simulator as a process of its own. */
  public String simulatorClassPath() {
    return classPathOf("noaa-simulator");
  }

  /** Class path that runs the lag exporter (module lag-exporter) as a process of its own. */
  public String lagExporterClassPath() {
    return classPathOf("lag-exporter");
  }

  private String classPathOf(String module) {
    Path jar = moduleArtifact(module, ".jar");
    Path deps = root.resolve(module).resolve("target").resolve("classpath.txt");
    requireBuilt(deps);
    try {
      String rest = Files.readString(deps).trim();
      return rest.isEmpty() ? jar.toString() : jar + java.io.File.pathSeparator + rest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path moduleArtifact(String module, String extension) {
    Path file =
        root.resolve(module).resolve("target").resolve(module + "-" + build.version() + extension);
    requireBuilt(file);
    return file;
  }

  private static void requireBuilt(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new LauncherException(
          file + " is missing: build first with ./mvnw -DskipTests package");
    }
  }

  /** Every file in {@code dir} whose name ends with {@code suffix}, sorted by name. */
  public static List<Path> filesEndingWith(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
