package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
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
}
