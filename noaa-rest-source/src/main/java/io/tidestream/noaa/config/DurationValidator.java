package io.tidestream.noaa.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts an ISO-8601 duration such as {@code PT6H} or {@code P30D}, not negative. */
public final class DurationValidator implements ConfigDef.Validator {

  private final Duration min;

  public DurationValidator(Duration min) {
    this.min = min;
  }

  static Duration parse(String name, String value) {
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          name,
          value,
          "Not an ISO-8601 duration. Write it like PT6H (6 hours), PT90M or P30D (30 days)");
    }
  }

  @Override
  public void ensureValid(String name, Object value) {
    Duration d = parse(name, String.valueOf(value));
    if (d.compareTo(min) < 0) {
      throw new ConfigException(name, value, "Must be at least " + min);
    }
  }

  @Override
  public String toString() {
    return "ISO-8601 duration >= " + min + " (e.g. PT6H, P30D)";
  }
}
