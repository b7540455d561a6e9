package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ChoiceValidatorTest {

  enum Action {
    DEAD_LETTER,
    IGNORE
  }

  @Test
  void acceptsEnumChoicesCaseInsensitivelyAndRecommendsThem() {
    ChoiceValidator validator = ChoiceValidator.of(Action.class);
    validator.ensureValid("k", "Dead-Letter");
    assertThat(validator.validValues("k", Map.of())).containsExactly("dead-letter", "ignore");
    assertThat(ChoiceValidator.toEnum(Action.class, "dead-letter")).isEqualTo(Action.DEAD_LETTER);
    assertThatThrownBy(() -> validator.ensureValid("k", "drop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[dead-letter, ignore]");
  }

  @Test
  void singleValueMustNotBeEmptyUnlessAllowed() {
    ChoiceValidator validator = ChoiceValidator.of("a", "b");
    assertThatThrownBy(() -> validator.ensureValid("k", " "))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Set one of [a, b]");
    assertThatThrownBy(() -> validator.ensureValid("k", null)).isInstanceOf(ConfigException.class);
    assertThatCode(() -> validator.orEmpty().ensureValid("k", "")).doesNotThrowAnyException();
    assertThatCode(() -> validator.orEmpty().ensureValid("k", null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.orEmpty().ensureValid("k", "c"))
        .hasMessageContaining("'c' is not one of the choices; it must be one of [a, b]");
  }

  @Test
  void listChecksEveryElementAndNamesTheWrongOne() {
    ChoiceValidator validator = ChoiceValidator.of("water_level", "predictions").caseSensitive();
    assertThatCode(() -> validator.ensureValid("k", List.of("water_level", " predictions")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.ensureValid("k", List.of("water_level", "tides")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'tides' is not one of");
    assertThatThrownBy(() -> validator.ensureValid("k", List.of()))
        .hasMessageContaining("Name at least one of [water_level, predictions]");
    assertThatCode(() -> validator.orEmpty().ensureValid("k", List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void caseSensitiveChoicesHintAtTheRightSpelling() {
    ChoiceValidator exact = ChoiceValidator.of("water_level").caseSensitive();
    assertThatThrownBy(() -> exact.ensureValid("k", "Water_Level"))
        .hasMessageContaining("did you mean 'water_level'? values are case-sensitive");
    assertThat(exact.accepts("Water_Level")).isFalse();
    assertThat(ChoiceValidator.of("water_level").accepts("Water_Level")).isTrue();
  }

  @Test
  void recommendsTheChoicesForListsAndSingleValuesThroughConfigDef() {
    ChoiceValidator products = ChoiceValidator.of("a", "b").caseSensitive();
    ChoiceValidator mode = ChoiceValidator.of("x", "y").orEmpty();
    ConfigDef def =
        new ConfigDef()
            .define(
                "list",
                Type.LIST,
                "a",
                products,
                Importance.LOW,
                "doc",
                "g",
                1,
                ConfigDef.Width.SHORT,
                "List",
                products)
            .define(
                "single",
                Type.STRING,
                "",
                mode,
                Importance.LOW,
                "doc",
                "g",
                2,
                ConfigDef.Width.SHORT,
                "Single",
                mode);
    Map<String, ConfigValue> values = new java.util.HashMap<>();
    def.validate(Map.of("list", "a,c", "single", "y")).forEach(v -> values.put(v.name(), v));
    assertThat(values.get("list").recommendedValues()).containsExactly("a", "b");
    assertThat(values.get("list").errorMessages()).singleElement().asString().contains("'c'");
    assertThat(values.get("single").recommendedValues()).containsExactly("x", "y");
    assertThat(values.get("single").errorMessages()).isEmpty();
  }

  @Test
  void describesItsChoicesForTheGeneratedReference() {
    assertThat(ChoiceValidator.of("a", "b")).hasToString("a, b");
    assertThat(ChoiceValidator.of("a", "b").orEmpty().caseSensitive())
        .hasToString("empty or a, b (case-sensitive)");
  }

  @Test
  void refusesAnEmptySetOfChoices() {
    assertThatThrownBy(() -> ChoiceValidator.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
