package io.tidestream.common.config;

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
}
