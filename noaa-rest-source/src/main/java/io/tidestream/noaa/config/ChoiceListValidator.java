package io.tidestream.noaa.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validator and recommender for enum-like keys that are lists, or single values that may be left
 * empty - the two cases {@link io.tidestream.common.config.ChoiceValidator} does not cover.
 * Values are case-sensitive because they go to NOAA as written.
 */
public final class ChoiceListValidator implements ConfigDef.Validator, ConfigDef.Recommender {

  private final List<String> choices;
  private final boolean allowEmpty;

  public ChoiceListValidator(List<String> choices, boolean allowEmpty) {
    this.choices = List.copyOf(choices);
    this.allowEmpty = allowEmpty;
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      if (!allowEmpty) {
        throw new ConfigException(name, null, "Set one of " + choices);
      }
      return;
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty() && !allowEmpty) {
        throw new ConfigException(name, value, "Name at least one of " + choices);
      }
      for (Object v : list) {
        check(name, String.valueOf(v).trim());
      }
    } else {
      String s = String.valueOf(value).trim();
      if (s.isEmpty() && allowEmpty) {
        return;
      }
      check(name, s);
    }
  }

  private void check(String name, String v) {
    if (!choices.contains(v)) {
      String hint =
          choices.stream()
              .filter(c -> c.equalsIgnoreCase(v))
              .findFirst()
              .map(c -> " (did you mean '" + c + "'? values are case-sensitive)")
              .orElse("");
      throw new ConfigException(
          name, v, "'" + v + "' is not one of " + choices + hint);
    }
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return List.copyOf(choices);
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return true;
  }

  @Override
  public String toString() {
    return (allowEmpty ? "\"\" or " : "") + "one of " + String.join(", ", choices);
  }
}
