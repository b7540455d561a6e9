package io.tidestream.noaa.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The backfill start: an instant ({@code 2025-01-01T00:00:00Z}), a UTC date ({@code 2025-01-01}) or
 * a positive ISO duration back from now ({@code P30D}).
 */
public final class StartValidator implements ConfigDef.Validator {

  /** Resolves the configured start against {@code now}. */
  public static Instant resolve(String value, Instant now) {
    String v = value.trim();
    if (v.startsWith("P") || v.startsWith("p")) {
      return now.minus(Duration.parse(v));
    }
    if (v.length() == 10) {
      return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return Instant.parse(v);
  }

  @Override
  public void ensureValid(String name, Object value) {
    String v = String.valueOf(value).trim();
    Function<String, ConfigException> bad =
        why ->
            new ConfigException(
                name,
                v,
                why
                    + ". Write an instant (2025-01-01T00:00:00Z), a UTC date (2025-01-01) or a"
                    + " duration back from now (P30D, PT12H)");
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        if (Duration.parse(v).isNegative() || Duration.parse(v).isZero()) {
          throw bad.apply("The duration must be positive");
        }
      } else {
        resolve(v, Instant.EPOCH);
      }
    } catch (DateTimeParseException e) {
      throw bad.apply("Not a start time");
    }
  }

  @Override
  public String toString() {
    return "instant, UTC date or ISO-8601 duration back from now";
  }
}
