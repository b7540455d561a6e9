package io.tidestream.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of one of our plugins, read from the {@code version.properties} resource that Maven
 * filters into the plugin's own package at build time. Connectors return it from {@code version()};
 * it is the project's version, never Kafka's.
 */
public final class PluginVersion {

  static final String RESOURCE = "version.properties";
  static final String UNKNOWN = "unknown";

  private PluginVersion() {}

  /**
   * Reads {@code version.properties} next to {@code anchor} (same package, same jar).
   *
   * @return the version, or {@code "unknown"} when the resource is missing or unfiltered
   */
  public static String of(Class<?> anchor) {
    try (InputStream in = anchor.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties props = new Properties();
      props.load(in);
      String version = props.getProperty("version", "").trim();
      return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE + " for " + anchor.getName(), e);
    }
  }
}
