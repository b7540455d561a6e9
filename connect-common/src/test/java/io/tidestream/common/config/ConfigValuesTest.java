package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

  @Test
  void addsErrorsToExistingAndMissingKeys() {
    Map<String, ConfigValue> values = new HashMap<>();
    values.put("a", new ConfigValue("a"));
    assertThat(ConfigValues.hasErrors(values)).isFalse();
    ConfigValues.addError(values, "a", "bad a");
    ConfigValues.addError(values, "b", "bad b");
    assertThat(values.get("a").errorMessages()).containsExactly("bad a");
    assertThat(values.get("b").errorMessages()).containsExactly("bad b");
    assertThat(ConfigValues.hasErrors(values)).isTrue();
  }

  @Test
  void aNonNumberOnAMillisKeyGetsTheUnitAndAnExample() {
    ConfigDef def =
        new ConfigDef()
            .define(
                "x.lag.ms",
                ConfigDef.Type.LONG,
                0L,
                ConfigDef.Range.atLeast(0),
                ConfigDef.Importance.LOW,
                "doc")
            .define("x.count", ConfigDef.Type.LONG, 0L, ConfigDef.Importance.LOW, "doc");
    Map<String, ConfigValue> values = new HashMap<>();
    Map<String, String> props = Map.of("x.lag.ms", "3 minutes", "x.count", "many");
    def.validate(props).forEach(v -> values.put(v.name(), v));
    ConfigValues.explainMillis(values, props);
    assertThat(values.get("x.lag.ms").errorMessages())
        .containsExactly(
            "Invalid value 3 minutes for configuration x.lag.ms: durations are milliseconds; write"
                + " a whole number of milliseconds, e.g. 180000 for 3 minutes or 21600000 for 6"
                + " hours");
    assertThat(values.get("x.count").errorMessages())
        .singleElement()
        .asString()
        .contains("Not a number of type LONG");
  }

  @Test
  void anIsoDurationOnAMillisKeyNamesTheNumberToWrite() {
    ConfigDef def =
        new ConfigDef()
            .define("x.lag.ms", ConfigDef.Type.LONG, 0L, ConfigDef.Importance.LOW, "doc");
    Map<String, ConfigValue> values = new HashMap<>();
    def.validate(Map.of("x.lag.ms", "PT3M")).forEach(v -> values.put(v.name(), v));
    ConfigValues.explainMillis(values, Map.of("x.lag.ms", "PT3M"));
    assertThat(values.get("x.lag.ms").errorMessages())
        .containsExactly(
            "Invalid value PT3M for configuration x.lag.ms: durations are milliseconds; PT3M is"
                + " 180000 ms: write x.lag.ms=180000");
  }
}
