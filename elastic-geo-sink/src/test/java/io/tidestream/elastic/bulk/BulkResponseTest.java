package io.tidestream.elastic.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.elastic.testing.BulkResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseTest {

  private final JsonFactory json = new JsonFactory();

  private BulkResponse.Items parse(String body, int count) throws IOException {
    return BulkResponse.parse(json, body.getBytes(StandardCharsets.UTF_8), count);
  }

  @Test
  void stopsReadingWhenThereAreNoErrors() throws IOException {
    BulkResponse.Items items = parse("{\"took\":1,\"errors\":false,\"items\":[garbage that is never read", 3);
    assertThat(items.ok(0)).isTrue();
    assertThat(items.ok(2)).isTrue();
  }

  @Test
  void readsExactErrorTypesPerItemInOrder() throws IOException {
    BulkResponse.Items items = parse(BulkResponses.items("ok", "429:es_rejected_execution_exception",
        "400:strict_dynamic_mapping_exception"), 3);
    assertThat(items.ok(0)).isTrue();
    assertThat(items.ok(1)).isFalse();
    assertThat(items.types()).containsExactly(null, "es_rejected_execution_exception", "strict_dynamic_mapping_exception");
    assertThat(items.statuses()).containsExactly(201, 429, 400);
    assertThat(items.reasons()[2]).isEqualTo("reason for strict_dynamic_mapping_exception");
  }

  @Test
  void deleteOfAMissingDocumentIsNotAFailure() throws IOException {
    BulkResponse.Items items = parse("{\"errors\":true,\"items\":[{\"delete\":{\"_index\":\"t\",\"_id\":\"1\","
        + "\"result\":\"not_found\",\"status\":404}},{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"r\"}}}]}", 2);
    assertThat(items.ok(0)).isTrue();
    assertThat(items.ok(1)).isFalse();
  }

  @Test
  void rejectsResponsesThatDoNotMatchTheRequest() {
    assertThatThrownBy(() -> parse(BulkResponses.items("ok", "ok"), 3)).hasMessageContaining("2 items but 3");
    assertThatThrownBy(() -> parse("<html>502 Bad Gateway</html>", 1)).isInstanceOf(IOException.class);
  }
}
