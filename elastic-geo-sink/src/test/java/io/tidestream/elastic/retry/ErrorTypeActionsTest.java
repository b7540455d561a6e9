package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorTypeActionsTest {

  @Test
  void classifiesByExactErrorTypeThenByStatus() {
    ErrorTypeActions actions = new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER);
    assertThat(actions.actionFor("es_rejected_execution_exception", 429))
        .isEqualTo(ErrorAction.RETRY);
    assertThat(actions.actionFor("circuit_breaking_exception", 429)).isEqualTo(ErrorAction.RETRY);
    assertThat(actions.actionFor("unavailable_shards_exception", 503)).isEqualTo(ErrorAction.RETRY);
    assertThat(actions.actionFor("strict_dynamic_mapping_exception", 400))
        .isEqualTo(ErrorAction.DEAD_LETTER);
    assertThat(actions.actionFor("mapper_parsing_exception", 400))
        .isEqualTo(ErrorAction.DEAD_LETTER);
    assertThat(actions.actionFor("illegal_argument_exception", 400))
        .isEqualTo(ErrorAction.DEAD_LETTER);
    assertThat(actions.actionFor("some_new_exception", 503)).isEqualTo(ErrorAction.RETRY);
    assertThat(actions.actionFor("some_new_exception", 400)).isEqualTo(ErrorAction.DEAD_LETTER);
    // substring look-alikes are not matched
    assertThat(actions.actionFor("es_rejected_execution_exception_v2", 400))
        .isEqualTo(ErrorAction.DEAD_LETTER);
  }

  @Test
  void overridesWinAndBadEntriesAreNamed() {
    ErrorTypeActions actions =
        new ErrorTypeActions(
            ErrorTypeActions.parseOverrides(
                List.of("mapper_parsing_exception:ignore", " x_exception : fail ")),
            ErrorAction.FAIL);
    assertThat(actions.actionFor("mapper_parsing_exception", 400)).isEqualTo(ErrorAction.IGNORE);
    assertThat(actions.actionFor("x_exception", 400)).isEqualTo(ErrorAction.FAIL);
    assertThat(actions.actionFor("unknown", 404)).isEqualTo(ErrorAction.FAIL);
    assertThatThrownBy(() -> ErrorTypeActions.parseOverrides(List.of("mapper_parsing_exception")))
        .hasMessageContaining("<error.type>:<action>");
    assertThatThrownBy(
            () -> ErrorTypeActions.parseOverrides(List.of("mapper_parsing_exception:explode")))
        .hasMessageContaining("unknown action 'explode'");
  }
}
