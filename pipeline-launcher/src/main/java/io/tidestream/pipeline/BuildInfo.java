package io.tidestream.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Versions and paths Maven filtered into {@code build.properties} when this module was built. */
public final class BuildInfo {

  private final Properties props;

  private BuildInfo(Properties props) {
    this.props = props;
  }

  public static BuildInfo load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties is missing from the launcher jar");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(props);
  }

  public String version() {
    return get("version");
  }

  public String kafkaVersion() {
    return get("kafka.version");
  }

  /** The engine version this build was made against, e.g. {@code opensearch2.version}. */
  public String engineVersion(String key) {
    return get(key);
  }

  /**
   * The Prometheus JMX exporter agent jar in the local Maven repository (the build resolves it).
   */
  public Path jmxExporterAgent() {
    String v = get("jmx.exporter.version");
    return mavenLocalRepository()
        .resolve("io/prometheus/jmx/jmx_prometheus_javaagent")
        .resolve(v)
        .resolve("jmx_prometheus_javaagent-" + v + ".jar");
  }

  public String jmxExporterCoordinates() {
    return "io.prometheus.jmx:jmx_prometheus_javaagent:" + get("jmx.exporter.version");
  }

  /** The local Maven repository; {@code -Dmaven.repo.local} at run time wins over the build's. */
  public Path mavenLocalRepository() {
    String override = System.getProperty("maven.repo.local");
    return Path.of(
        override != null && !override.isBlank() ? override : get("maven.local.repository"));
  }

  private String get(String key) {
    String value = props.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("build.properties has no " + key);
    }
    return value.trim();
  }
}
