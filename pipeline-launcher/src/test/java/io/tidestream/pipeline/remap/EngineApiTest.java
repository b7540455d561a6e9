package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.JsonHttp;
import org.junit.jupiter.api.Test;

class EngineApiTest {

  @Test
  void anEngineWithoutTheReindexModuleIsRecognisedByItsAnswer() {
    // OpenSearch 2's integ-test-zip, measured in RemapIT
    assertThat(
            EngineApi.noReindex(
                new JsonHttp.Response(
                    405,
                    "{\"error\":\"Incorrect HTTP method for uri"
                        + " [/_reindex?wait_for_completion=false&refresh=true] and method [POST],"
                        + " allowed: [DELETE, GET, HEAD, PUT]\",\"status\":405}")))
        .isTrue();
    assertThat(
            EngineApi.noReindex(
                new JsonHttp.Response(400, "{\"error\":\"no handler found for uri [/_reindex]\"}")))
        .isTrue();
    assertThat(
            EngineApi.noReindex(
                new JsonHttp.Response(
                    400, "{\"error\":{\"type\":\"index_not_found_exception\"},\"status\":400}")))
        .isFalse();
  }

  @Test
  void anEngineErrorNamesItsInnermostCause() {
    String body =
        "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"invalid composite"
            + " mappings for [t]\",\"caused_by\":{\"type\":\"mapper_parsing_exception\",\"reason\":"
            + "\"Failed to parse mapping\",\"caused_by\":{\"type\":\"mapper_parsing_exception\","
            + "\"reason\":\"No handler for type [scaled_float] declared on field [value]\"}}},"
            + "\"status\":400}";
    assertThat(EngineApi.reason(new JsonHttp.Response(400, body)))
        .isEqualTo(
            "illegal_argument_exception: invalid composite mappings for [t]"
                + " (mapper_parsing_exception: No handler for type [scaled_float] declared on"
                + " field [value])");
  }
}
