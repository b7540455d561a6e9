package io.tidestream.common.config;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Config fragment for a jittered exponential backoff: an initial and a maximum delay, both {@code
 * *.ms} longs, and the cross-field rule that the initial delay does not exceed the maximum (checked
 * in {@code Connector.validate()} through {@link #check}). The connector names the keys.
 */
public final class BackoffConfig {

  /** Longest first delay accepted: one hour. */
  public static final long INITIAL_MAX_MS = 3_600_000L;

  /** Longest capped delay accepted: one day. */
  public static final long MAX_MAX_MS = 86_400_000L;

  private final String initialKey;
  private final String maxKey;

  public BackoffConfig(String initialKey, String maxKey) {
    this.initialKey = initialKey;
    this.maxKey = maxKey;
  }

  public String initialKey() {
    return initialKey;
  }

  public String maxKey() {
    return maxKey;
  }

  /**
   * Defines both keys in {@code group}, after {@code order}; returns the last order used.
   *
   * @param what what is retried, for the docs, e.g. "of a unit after a transient failure"
   */
  public int define(
      ConfigDef def,
      String group,
      int order,
      long initialDefaultMs,
      long maxDefaultMs,
      String what) {
    def.define(
        initialKey,
        Type.LONG,
        initialDefaultMs,
        Range.between(1, INITIAL_MAX_MS),
        Importance.LOW,
        "First retry delay in ms "
            + what
            + "; it doubles per attempt, with jitter, up to "
            + maxKey
            + ". Must not exceed "
            + maxKey
            + ".",
        group,
        ++order,
        Width.SHORT,
        "Initial backoff (ms)");
    def.define(
        maxKey,
        Type.LONG,
        maxDefaultMs,
        Range.between(1, MAX_MAX_MS),
        Importance.LOW,
        "Longest single retry delay in ms.",
        group,
        ++order,
        Width.SHORT,
        "Max backoff (ms)");
    return order;
  }

  public Duration initial(AbstractConfig config) {
    return Duration.ofMillis(config.getLong(initialKey));
  }

  /** The cap; never below the initial delay, even for a config that skipped validation. */
  public Duration max(AbstractConfig config) {
    return Duration.ofMillis(Math.max(config.getLong(maxKey), config.getLong(initialKey)));
  }

  /** Cross-field rule: puts an error on the initial key when it exceeds the maximum. */
  public void check(AbstractConfig config, Map<String, ConfigValue> values) {
    long initial = config.getLong(initialKey);
    long max = config.getLong(maxKey);
    if (initial > max) {
      ConfigValues.addError(
          values,
          initialKey,
          "Must not exceed " + maxKey + " (" + max + " ms): lower it, or raise " + maxKey);
    }
  }
}
