package io.tidestream.it.harness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka version whose Connect workers a test cluster runs: {@code -Dit.connect.runtime=VERSION}
 * (e.g. {@code 3.9.2}), or {@code default} for the launcher's own Kafka. A version other than the
 * launcher's runs from the class path that module {@code connect-runtimes/kafka-VERSION} resolved.
 */
public record ConnectRuntime(String kafkaVersion) {

  /** The system property that picks the runtime of {@link TestStack#connect()}. */
  public static final String PROPERTY = "it.connect.runtime";

  /** The oldest Kafka Connect the plugins support, with a runtime module of its own. */
  public static final String OLDEST_SUPPORTED = "3.9.2";

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+");

  public ConnectRuntime {
    if (!VERSION.matcher(kafkaVersion).matches()) {
      throw new IllegalArgumentException(
          PROPERTY
              + "="
              + kafkaVersion
              + " is not a Kafka version: use default or a version such as "
              + OLDEST_SUPPORTED);
    }
  }

  /** The runtime a property value names; blank or {@code default} is {@code launcherVersion}. */
  public static ConnectRuntime of(String value, String launcherVersion) {
    String v = value == null ? "" : value.strip();
    return new ConnectRuntime(v.isEmpty() || v.equals("default") ? launcherVersion : v);
  }

  /** Whether its workers give tasks plugin metrics ({@code context.pluginMetrics()}, KIP-877). */
  public boolean hasPluginMetrics() {
    Matcher m = VERSION.matcher(kafkaVersion);
    m.matches();
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 4 || (major == 4 && minor >= 1);
  }

  @Override
  public String toString() {
    return "Kafka Connect " + kafkaVersion;
  }
}
