package io.tidestream.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;

/** Helpers for the cross-field checks of {@code Connector.validate()}. */
public final class ConfigValues {

  private ConfigValues() {}

  /** True when any key already carries an error, so later (network) checks should not run. */
  public static boolean hasErrors(Map<String, ConfigValue> values) {
    return values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty());
  }

  /** Adds {@code message} to {@code key}, creating its entry when validate() had none. */
  public static void addError(Map<String, ConfigValue> values, String key, String message) {
    values.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
  }

  /** Suffix of every duration key: milliseconds as a long, Kafka's convention. */
  public static final String MILLIS_SUFFIX = ".ms";

  /**
   * Replaces Kafka's "Not a number of type LONG" (and the "must be non-null" that follows it) on a
   * {@code *.ms} key with one message that says the unit and gives an example; for an ISO-8601
   * duration (the source's former format) it names the exact number to write.
   */
  public static void explainMillis(Map<String, ConfigValue> values, Map<String, String> props) {
    for (ConfigValue value : values.values()) {
      if (!value.name().endsWith(MILLIS_SUFFIX)) {
        continue;
      }
      List<String> messages = value.errorMessages();
      if (messages.stream().anyMatch(m -> m.contains("Not a number of type"))) {
        // Kafka then also runs the validator on null ("Value must be non-null"): one message is
        // enough.
        messages.clear();
        messages.add(notMillis(value.name(), props.get(value.name())));
      }
    }
  }

  static String notMillis(String key, String value) {
    String text = String.valueOf(value).trim();
    String fix;
    try {
      fix =
          text
              + " is "
              + Duration.parse(text).toMillis()
              + " ms: write "
              + key
              + "="
              + Duration.parse(text).toMillis();
    } catch (DateTimeParseException e) {
      fix =
          "write a whole number of milliseconds, e.g. 180000 for 3 minutes or 21600000 for 6 hours";
    }
    return "Invalid value "
        + text
        + " for configuration "
        + key
        + ": durations are milliseconds; "
        + fix;
  }
}
