package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class BackoffConfigTest {

  private static final BackoffConfig BACKOFF =
      new BackoffConfig("x.backoff.initial.ms", "x.backoff.max.ms");

  private static ConfigDef def() {
    ConfigDef def = new ConfigDef();
    assertThat(BACKOFF.define(def, "Retries", 0, 100, 10_000, "of a request")).isEqualTo(2);
    return def;
  }

  private static Map<String, ConfigValue> validate(Map<String, String> props) {
    Map<String, ConfigValue> values = new HashMap<>();
    def().validate(props).forEach(v -> values.put(v.name(), v));
    BACKOFF.check(new AbstractConfig(def(), props), values);
    return values;
  }

  @Test
  void definesBothKeysWithDocsThatNameTheOtherKey() {
    ConfigKey initial = def().configKeys().get("x.backoff.initial.ms");
    assertThat(initial.documentation).contains("of a request").contains("x.backoff.max.ms");
    assertThat(initial.defaultValue).isEqualTo(100L);
    assertThat(initial.orderInGroup).isEqualTo(1);
    assertThat(def().configKeys().get("x.backoff.max.ms").defaultValue).isEqualTo(10_000L);
  }

  @Test
  void readsDurations() {
    AbstractConfig config = new AbstractConfig(def(), Map.of("x.backoff.initial.ms", "2000"));
    assertThat(BACKOFF.initial(config)).isEqualTo(Duration.ofSeconds(2));
    assertThat(BACKOFF.max(config)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void initialAboveMaxIsAnErrorOnTheInitialKeyThatNamesTheFix() {
    Map<String, ConfigValue> values =
        validate(Map.of("x.backoff.initial.ms", "5000", "x.backoff.max.ms", "1000"));
    assertThat(values.get("x.backoff.initial.ms").errorMessages())
        .containsExactly(
            "Must not exceed x.backoff.max.ms (1000 ms): lower it, or raise x.backoff.max.ms");
    assertThat(values.get("x.backoff.max.ms").errorMessages()).isEmpty();
  }

  @Test
  void equalDelaysPass() {
    Map<String, ConfigValue> values =
        validate(Map.of("x.backoff.initial.ms", "1000", "x.backoff.max.ms", "1000"));
    assertThat(ConfigValues.hasErrors(values)).isFalse();
  }

  @Test
  void maxNeverFallsBelowInitialForAnUnvalidatedConfig() {
    AbstractConfig config =
        new AbstractConfig(
            def(), Map.of("x.backoff.initial.ms", "5000", "x.backoff.max.ms", "1000"));
    assertThat(BACKOFF.max(config)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refusesZeroAndAbsurdDelays() {
    assertThatThrownBy(() -> new AbstractConfig(def(), Map.of("x.backoff.initial.ms", "0")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new AbstractConfig(def(), Map.of("x.backoff.max.ms", "86400001")))
        .isInstanceOf(ConfigException.class);
  }
}
