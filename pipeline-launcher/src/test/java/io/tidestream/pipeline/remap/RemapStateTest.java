package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemapStateTest {

  @Test
  void theStateDocumentHoldsNoSecretAndReadsBackAsWritten() {
    Map<String, String> live =
        Map.of("index.name", "tides", "connection.password", "s3cret", "mapping.read.alias", "r");
    RemapState state =
        new RemapState(
            "elastic-sink",
            "r",
            RemapState.Side.of("elastic-sink", "tides", 1, live),
            RemapState.Side.of("elastic-sink-v2", "tides-v2", 2, Map.of("index.name", "tides-v2")),
            RemapState.STARTED,
            false,
            new RemapState.Seed(true, List.of("tides-a"), "node:42", false));

    String json = state.toJson().toString();
    assertThat(json)
        .doesNotContain("s3cret")
        .contains("connection.password"); // the key, as lacking
    RemapState back = RemapState.fromJson(state.toJson());
    assertThat(back).isEqualTo(state);
    assertThat(back.from().config()).doesNotContainKey("connection.password");
    assertThat(back.from().secretKeys()).containsExactly("connection.password");

    RemapState rollback = back.withStep(RemapState.DONE).reversed();
    assertThat(rollback.rollback()).isTrue();
    assertThat(rollback.from().connector()).isEqualTo("elastic-sink-v2");
    assertThat(rollback.to().connector()).isEqualTo("elastic-sink");
    assertThat(rollback.step()).isEqualTo(RemapState.STARTED);
    assertThat(rollback.seed()).isEqualTo(RemapState.Seed.NONE);
    assertThat(back.seed().pending()).isTrue();
  }
}
