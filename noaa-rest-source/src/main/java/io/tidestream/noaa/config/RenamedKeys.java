package io.tidestream.noaa.config;

import io.tidestream.common.config.ConfigValues;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Keys renamed before the first release, when the source's durations became {@code *.ms} longs (see
 * CHANGELOG.md). Connect ignores keys a connector does not define, so an old key would silently
 * lose its value; instead {@code validate()} puts an error on it naming the new key and the number
 * to write, and {@code start()} refuses a stored configuration that still has one.
 */
public final class RenamedKeys {

  /** Old key → new key, in the order of the configuration reference. */
  public static final Map<String, String> OLD_TO_NEW = renames();

  private RenamedKeys() {}

  private static Map<String, String> renames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("noaa.stations.discover.interval", NoaaSourceConfig.DISCOVER_INTERVAL);
    m.put("noaa.safety.lag", NoaaSourceConfig.SAFETY_LAG);
    m.put("noaa.lateness", NoaaSourceConfig.LATENESS);
    m.put("noaa.predictions.horizon", NoaaSourceConfig.PREDICTIONS_HORIZON);
    m.put("noaa.revisions.window", NoaaSourceConfig.REVISIONS_WINDOW);
    m.put("noaa.revisions.interval", NoaaSourceConfig.REVISIONS_INTERVAL);
    m.put("noaa.http.connect.timeout", NoaaSourceConfig.CONNECT_TIMEOUT);
    m.put("noaa.http.read.timeout", NoaaSourceConfig.READ_TIMEOUT);
    m.put("noaa.retry.backoff.initial", NoaaSourceConfig.BACKOFF_INITIAL);
    m.put("noaa.retry.backoff.max", NoaaSourceConfig.BACKOFF_MAX);
    m.put("noaa.ban.cooldown", NoaaSourceConfig.BAN_COOLDOWN);
    m.put("noaa.ban.cooldown.max", NoaaSourceConfig.BAN_COOLDOWN_MAX);
    m.put("noaa.quarantine.recheck", NoaaSourceConfig.QUARANTINE_RECHECK);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** What to tell the user about each old key in {@code props}, by old key; empty when none. */
  public static Map<String, String> problems(Map<String, String> props) {
    Map<String, String> problems = new LinkedHashMap<>();
    OLD_TO_NEW.forEach(
        (old, renamed) -> {
          if (props.containsKey(old)) {
            problems.put(old, message(old, renamed, props.get(old)));
          }
        });
    return problems;
  }

  /** Puts each problem on its old key, for {@code validate()}. */
  public static void check(Map<String, String> props, Map<String, ConfigValue> values) {
    problems(props).forEach((key, message) -> ConfigValues.addError(values, key, message));
  }

  /** One line naming every old key present, for {@code start()}; null when there is none. */
  public static String summary(Map<String, String> props) {
    List<String> messages = List.copyOf(problems(props).values());
    return messages.isEmpty() ? null : String.join("; ", messages);
  }

  static String message(String old, String renamed, String value) {
    String number;
    try {
      number = Long.toString(Duration.parse(value == null ? "" : value.trim()).toMillis());
    } catch (DateTimeParseException e) {
      number = "<milliseconds>";
    }
    return old
        + " was renamed to "
        + renamed
        + " and now takes milliseconds: replace "
        + old
        + "="
        + value
        + " with "
        + renamed
        + "="
        + number;
  }
}
