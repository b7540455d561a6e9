package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void storedConfigsLackSecretsWhichComeBackFromTheLiveConnector() {
    Map<String, String> live =
        Map.of(
            "connection.password", "p",
            "connection.api.key", "k",
            "connection.ssl.keystore.password", "kp",
            "index.name", "tides");
    Map<String, String> stored = Secrets.strip(live);
    assertThat(stored).isEqualTo(Map.of("index.name", "tides"));
    Set<String> keys = Secrets.secretKeys(live);
    assertThat(keys)
        .containsExactly(
            "connection.api.key", "connection.password", "connection.ssl.keystore.password");
    assertThat(Secrets.restore(stored, keys, live)).isEqualTo(live);
    assertThat(Secrets.restore(stored, keys, Map.of("connection.password", "p")))
        .isEqualTo(Map.of("index.name", "tides", "connection.password", "p"));
  }
}
