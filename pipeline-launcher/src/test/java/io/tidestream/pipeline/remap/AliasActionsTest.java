package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AliasActionsTest {

  @Test
  void oneRequestRemovesEveryOldIndexAndAddsTheNewByName() {
    assertThat(AliasActions.flip("tides-read", List.of("tides"), List.of("tides-v2")).toString())
        .isEqualTo(
            "{\"actions\":[{\"remove\":{\"index\":\"tides\",\"alias\":\"tides-read\"}},"
                + "{\"add\":{\"index\":\"tides-v2\",\"alias\":\"tides-read\"}}]}");
  }

  @Test
  void neverLeavesTheAliasOnNothingNorRemovesWhatItAdds() {
    assertThatThrownBy(() -> AliasActions.flip("a", List.of("x"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AliasActions.flip("a", List.of("x-v2"), List.of("x-v2")).toString())
        .isEqualTo("{\"actions\":[{\"add\":{\"index\":\"x-v2\",\"alias\":\"a\"}}]}");
  }
}
