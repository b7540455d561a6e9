package io.tidestream.common.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Config fragment for the two HTTP timeouts of a connector's client: connect and read, both {@code
 * *.ms} longs. The connector names the keys; the fragment defines them (doc, group, order, width,
 * display name, default, validator) and reads them back as {@link Duration}s.
 *
 * <pre>{@code
 * static final HttpTimeoutConfig TIMEOUTS =
 *     new HttpTimeoutConfig("x.connect.timeout.ms", "x.read.timeout.ms");
 * order = TIMEOUTS.define(def, GROUP, order, 5_000, 30_000, "");
 * Duration read = TIMEOUTS.readTimeout(config);
 * }</pre>
 */
public final class HttpTimeoutConfig {

  /** Largest timeout accepted: clients take timeouts as int milliseconds. */
  public static final long MAX_MS = Integer.MAX_VALUE;

  private final String connectKey;
  private final String readKey;

  public HttpTimeoutConfig(String connectKey, String readKey) {
    this.connectKey = connectKey;
    this.readKey = readKey;
  }

  public String connectKey() {
    return connectKey;
  }

  public String readKey() {
    return readKey;
  }

  /**
   * Defines both keys in {@code group}, after {@code order}; returns the last order used.
   *
   * @param readNote what a read timeout means for this connector (appended to the read key's doc),
   *     may be empty
   */
  public int define(
      ConfigDef def,
      String group,
      int order,
      long connectDefaultMs,
      long readDefaultMs,
      String readNote) {
    def.define(
        connectKey,
        Type.LONG,
        connectDefaultMs,
        Range.between(1, MAX_MS),
        Importance.LOW,
        "Timeout in ms for opening a TCP connection.",
        group,
        ++order,
        Width.SHORT,
        "Connect timeout (ms)");
    def.define(
        readKey,
        Type.LONG,
        readDefaultMs,
        Range.between(1, MAX_MS),
        Importance.LOW,
        "Timeout in ms while waiting for a response." + (readNote.isBlank() ? "" : " " + readNote),
        group,
        ++order,
        Width.SHORT,
        "Read timeout (ms)");
    return order;
  }

  public Duration connectTimeout(AbstractConfig config) {
    return Duration.ofMillis(config.getLong(connectKey));
  }

  public Duration readTimeout(AbstractConfig config) {
    return Duration.ofMillis(config.getLong(readKey));
  }
}
