package io.tidestream.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectRuntimeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "null      | 4.4.0",
        "''        | 4.4.0",
        "default   | 4.4.0",
        "' 3.9.2 ' | 3.9.2",
        "4.1.1     | 4.1.1",
        "4.4.0     | 4.4.0",
      })
  void propertyValueNamesTheRuntimeAndDefaultIsTheLaunchers(String value, String version) {
    assertThat(ConnectRuntime.of(value, "4.4.0").kafkaVersion()).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.9", "latest", "4.4.0-SNAPSHOT", "v4.1.1"})
  void somethingElseIsRefusedWithTheFix(String value) {
    assertThatThrownBy(() -> ConnectRuntime.of(value, "4.4.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "it.connect.runtime="
                + value
                + " is not a Kafka version: use default or a version such as 3.9.2");
  }

  @ParameterizedTest
  @CsvSource({
    "3.9.2, false",
    "4.0.2, false",
    "4.1.0, true",
    "4.1.1, true",
    "4.4.0, true",
    "5.0.0, true",
    "3.10.0, false"
  })
  void pluginMetricsFromKafka41On(String version, boolean expected) {
    assertThat(new ConnectRuntime(version).hasPluginMetrics()).isEqualTo(expected);
  }
}
