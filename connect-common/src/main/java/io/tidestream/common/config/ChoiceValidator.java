package io.tidestream.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validator and recommender for an enum-like string key: accepts one of a fixed set of values
 * (case-insensitive), and offers them to UIs as recommended values.
 */
public final class ChoiceValidator implements ConfigDef.Validator, ConfigDef.Recommender {

  private final List<String> choices;

  private ChoiceValidator(List<String> choices) {
    this.choices = Collections.unmodifiableList(new ArrayList<>(choices));
  }

  public static ChoiceValidator of(String... choices) {
    return new ChoiceValidator(Arrays.asList(choices));
  }

  /** Choices from an enum's constants, lower-case with {@code _} written as {@code -}. */
  public static <E extends Enum<E>> ChoiceValidator of(Class<E> type) {
    List<String> values = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      values.add(toConfigValue(constant));
    }
    return new ChoiceValidator(values);
  }

  /** {@code DEAD_LETTER} → {@code dead-letter}. */
  public static String toConfigValue(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code dead-letter} → {@code DEAD_LETTER}; throws for unknown values. */
  public static <E extends Enum<E>> E toEnum(Class<E> type, String value) {
    return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      throw new ConfigException(name, null, "must be one of " + choices);
    }
    String text = value.toString().trim();
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(text)) {
        return;
      }
    }
    throw new ConfigException(name, value, "must be one of " + choices);
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return new ArrayList<>(choices);
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return true;
  }

  public List<String> choices() {
    return choices;
  }

  @Override
  public String toString() {
    return String.join(", ", choices);
  }
}
