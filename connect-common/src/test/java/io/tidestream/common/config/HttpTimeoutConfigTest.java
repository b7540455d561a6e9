package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class HttpTimeoutConfigTest {

  private static final HttpTimeoutConfig TIMEOUTS =
      new HttpTimeoutConfig("x.connect.timeout.ms", "x.read.timeout.ms");

  private static ConfigDef def() {
    ConfigDef def = new ConfigDef();
    int last = TIMEOUTS.define(def, "HTTP", 3, 5_000, 30_000, "A timed-out request is retried.");
    assertThat(last).isEqualTo(5);
    return def;
  }

  @Test
  void definesBothKeysCompletelyInTheConnectorsGroup() {
    ConfigKey connect = def().configKeys().get("x.connect.timeout.ms");
    ConfigKey read = def().configKeys().get("x.read.timeout.ms");
    assertThat(connect.type).isEqualTo(ConfigDef.Type.LONG);
    assertThat(connect.defaultValue).isEqualTo(5_000L);
    assertThat(connect.group).isEqualTo("HTTP");
    assertThat(connect.orderInGroup).isEqualTo(4);
    assertThat(read.orderInGroup).isEqualTo(5);
    assertThat(connect.displayName).isEqualTo("Connect timeout (ms)");
    assertThat(read.documentation).endsWith("A timed-out request is retried.");
    assertThat(connect.validator).isNotNull();
  }

  @Test
  void readsDurationsFromMilliseconds() {
    AbstractConfig config = new AbstractConfig(def(), Map.of("x.read.timeout.ms", "1500"));
    assertThat(TIMEOUTS.connectTimeout(config)).isEqualTo(Duration.ofSeconds(5));
    assertThat(TIMEOUTS.readTimeout(config)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void refusesZeroAndValuesAClientCannotTake() {
    assertThatThrownBy(() -> new AbstractConfig(def(), Map.of("x.connect.timeout.ms", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("x.connect.timeout.ms");
    assertThatThrownBy(() -> new AbstractConfig(def(), Map.of("x.read.timeout.ms", "3000000000")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new AbstractConfig(def(), Map.of("x.read.timeout.ms", "PT30S")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("x.read.timeout.ms");
  }
}
