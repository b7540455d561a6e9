package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

class EngineErrorTest {

  private final JsonFactory json = new JsonFactory();

  @Test
  void readsTheInnermostCauseOfAWholeRequestError() {
    EngineError e =
        EngineError.ofBody(
            json,
            "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"template after"
                + " composition is"
                + " invalid\",\"caused_by\":{\"type\":\"x\",\"reason\":\"y\","
                + "\"caused_by\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"No"
                + " handler for type [geo_pint]\"}}},\"status\":400}");
    assertThat(e)
        .isEqualTo(
            new EngineError(
                "illegal_argument_exception",
                "template after composition is invalid",
                "mapper_parsing_exception",
                "No handler for type [geo_pint]"));
    assertThat(e.innermost()).isEqualTo("mapper_parsing_exception: No handler for type [geo_pint]");
    assertThat(e.describe())
        .isEqualTo(
            "template after composition is invalid: caused by mapper_parsing_exception: "
                + "No handler for type [geo_pint]");
  }

  @Test
  void withoutACauseTheErrorItselfAndAPlainTextErrorAsItIs() {
    assertThat(
            EngineError.ofBody(json, "{\"error\":{\"type\":\"t\",\"reason\":\"r\"}}").innermost())
        .isEqualTo("t: r");
    assertThat(
            EngineError.ofBody(json, "{\"error\":\"no handler found\",\"status\":400}").innermost())
        .isEqualTo("no handler found");
  }

  @Test
  void aBodyThatIsNoErrorObjectGivesNull() {
    assertThat(EngineError.ofBody(json, "<html>502</html>")).isNull();
    assertThat(EngineError.ofBody(json, "{\"acknowledged\":true}")).isNull();
    assertThat(EngineError.ofBody(json, "")).isNull();
    assertThat(EngineError.ofBody(json, (String) null)).isNull();
    assertThat(EngineError.ofBody(json, (byte[]) null)).isNull();
    assertThat(EngineError.ofBody(json, "{\"error\":{\"type\":\"t\"")).as("truncated").isNull();
  }
}
