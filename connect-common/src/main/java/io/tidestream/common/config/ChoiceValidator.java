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
 * The one validator and recommender for enum-like keys, single values ({@code Type.STRING}) and
 * lists ({@code Type.LIST}) alike: every value must be one of a fixed set of choices, and the
 * choices are offered to UIs as recommended values.
 *
 * <p>By default values match case-insensitively and must not be empty. {@link #caseSensitive()} is
 * for values sent on as written (NOAA's product names); {@link #orEmpty()} accepts an empty value
 * (or empty list) meaning "none".
 */
public final class ChoiceValidator implements ConfigDef.Validator, ConfigDef.Recommender {

  private final List<String> choices;
  private final boolean caseSensitive;
  private final boolean allowEmpty;

  private ChoiceValidator(List<String> choices, boolean caseSensitive, boolean allowEmpty) {
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a choice validator needs at least one choice");
    }
    this.choices = Collections.unmodifiableList(new ArrayList<>(choices));
    this.caseSensitive = caseSensitive;
    this.allowEmpty = allowEmpty;
  }

  public static ChoiceValidator of(String... choices) {
    return new ChoiceValidator(Arrays.asList(choices), false, false);
  }

  public static ChoiceValidator of(List<String> choices) {
    return new ChoiceValidator(choices, false, false);
  }

  /** Choices from an enum's constants, lower-case with {@code _} written as {@code -}. */
  public static <E extends Enum<E>> ChoiceValidator of(Class<E> type) {
    List<String> values = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      values.add(toConfigValue(constant));
    }
    return new ChoiceValidator(values, false, false);
  }

  /** The same choices, matched exactly; a wrong case gets a "did you mean" hint. */
  public ChoiceValidator caseSensitive() {
    return new ChoiceValidator(choices, true, allowEmpty);
  }

  /** The same choices, and also an empty value or empty list. */
  public ChoiceValidator orEmpty() {
    return new ChoiceValidator(choices, caseSensitive, true);
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
    if (value instanceof List<?> list) {
      if (list.isEmpty() && !allowEmpty) {
        throw new ConfigException(name, value, "Name at least one of " + choices);
      }
      for (Object element : list) {
        check(name, String.valueOf(element).trim());
      }
      return;
    }
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      if (!allowEmpty) {
        throw new ConfigException(name, value, "Set one of " + choices);
      }
      return;
    }
    check(name, text);
  }

  /** True when {@code value} is one of the choices (with this validator's case rule). */
  public boolean accepts(String value) {
    String text = value.trim();
    for (String choice : choices) {
      if (caseSensitive ? choice.equals(text) : choice.equalsIgnoreCase(text)) {
        return true;
      }
    }
    return false;
  }

  private void check(String name, String text) {
    if (accepts(text)) {
      return;
    }
    String hint = "";
    if (caseSensitive) {
      hint =
          choices.stream()
              .filter(c -> c.equalsIgnoreCase(text))
              .findFirst()
              .map(c -> " (did you mean '" + c + "'? values are case-sensitive)")
              .orElse("");
    }
    throw new ConfigException(
        name,
        text,
        "'" + text + "' is not one of the choices; it must be one of " + choices + hint);
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

  /** What the generated config reference shows as valid values. */
  @Override
  public String toString() {
    return (allowEmpty ? "empty or " : "")
        + String.join(", ", choices)
        + (caseSensitive ? " (case-sensitive)" : "");
  }
}
