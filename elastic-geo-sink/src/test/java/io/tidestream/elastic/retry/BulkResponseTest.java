package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.elastic.testing.BulkResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseTest {

  private final JsonFactory json = new JsonFactory();
  private final ResponseClassifier classifier =
      new ResponseClassifier(
          new ErrorTypeActions(java.util.Map.of(), ErrorAction.DEAD_LETTER), json);

  /** Whether the sink counts item {@code i} as done: the parser reports, the classifier judges. */
  private boolean ok(BulkResponse.Items items, int i) {
    return !items.errors()
        || classifier.item(items.statuses()[i], items.types()[i], items.reasons()[i])
            instanceof Decision.Done;
  }

  private BulkResponse.Items parse(String body, int count) throws IOException {
    return BulkResponse.parse(json, body.getBytes(StandardCharsets.UTF_8), count);
  }

  @Test
  void stopsReadingWhenThereAreNoErrors() throws IOException {
    BulkResponse.Items items =
        parse("{\"took\":1,\"errors\":false,\"items\":[garbage that is never read", 3);
    assertThat(ok(items, 0)).isTrue();
    assertThat(ok(items, 2)).isTrue();
  }

  @Test
  void readsExactErrorTypesPerItemInOrder() throws IOException {
    BulkResponse.Items items =
        parse(
            BulkResponses.items(
                "ok",
                "429:es_rejected_execution_exception",
                "400:strict_dynamic_mapping_exception"),
            3);
    assertThat(ok(items, 0)).isTrue();
    assertThat(ok(items, 1)).isFalse();
    assertThat(items.types())
        .containsExactly(
            null, "es_rejected_execution_exception", "strict_dynamic_mapping_exception");
    assertThat(items.statuses()).containsExactly(201, 429, 400);
    assertThat(items.reasons()[2]).isEqualTo("reason for strict_dynamic_mapping_exception");
  }

  @Test
  void deleteOfAMissingDocumentIsNotAFailure() throws IOException {
    BulkResponse.Items items =
        parse(
            "{\"errors\":true,\"items\":[{\"delete\":{\"_index\":\"t\",\"_id\":\"1\","
                + "\"result\":\"not_found\",\"status\":404}},{\"index\":{\"status\":400,"
                + "\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"r\"}}}]}",
            2);
    assertThat(ok(items, 0)).isTrue();
    assertThat(ok(items, 1)).isFalse();
  }

  /**
   * Recorded from OpenSearch 2.19.4 with the sink's filter_path (see
   * src/test/resources/engine/README.md).
   */
  @Test
  void aReasonEndsWithTheEnginesInnermostCause() throws IOException {
    BulkResponse.Items items =
        BulkResponse.parse(
            json, BulkResponses.recorded("opensearch-2.19.4-bulk-mapping-errors.json"), 5);
    assertThat(ok(items, 0)).isTrue();
    assertThat(items.types())
        .containsExactly(
            null,
            "mapper_parsing_exception",
            "mapper_parsing_exception",
            "strict_dynamic_mapping_exception",
            "mapper_parsing_exception");
    assertThat(items.reasons()[1])
        .isEqualTo(
            "failed to parse field [value] of type [double] in document with id 'number-2'. Preview"
                + " of field's value: 'abc': caused by number_format_exception: For input string:"
                + " \"abc\"");
    assertThat(items.reasons()[2])
        .as("two levels down")
        .isEqualTo(
            "failed to parse field [time] of type [date] in document with id 'date-2'. Preview of"
                + " field's value: 'yesterday noon': caused by date_time_parse_exception: Failed to"
                + " parse with all enclosed parsers");
    assertThat(items.reasons()[3])
        .as("no cause: the reason as it is")
        .isEqualTo(
            "mapping set to strict, dynamic introduction of [surprise] within [_doc] is not"
                + " allowed");
    assertThat(items.reasons()[4])
        .isEqualTo(
            "failed to parse field [location] of type [geo_point]: caused by "
                + "illegal_argument_exception: illegal latitude value [124.55] for location");
  }

  @Test
  void aBareFailedToParseGainsWhatTheParserSaid() throws IOException {
    BulkResponse.Items items =
        BulkResponse.parse(
            json, BulkResponses.recorded("opensearch-2.19.4-bulk-failed-to-parse.json"), 1);
    assertThat(items.types()).containsExactly("mapper_parsing_exception");
    assertThat(items.reasons()[0])
        .startsWith(
            "failed to parse: caused by json_e_o_f_exception: Unexpected "
                + "end-of-input within/between Object entries");
  }

  @Test
  void rejectsResponsesThatDoNotMatchTheRequest() {
    assertThatThrownBy(() -> parse(BulkResponses.items("ok", "ok"), 3))
        .hasMessageContaining("2 items but 3");
    assertThatThrownBy(() -> parse("<html>502 Bad Gateway</html>", 1))
        .isInstanceOf(IOException.class);
  }
}
