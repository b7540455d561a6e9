package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every engine the harness runs takes what the sink relies on: {@code _bulk}, strict mappings that
 * reject unknown fields per item, {@code date} and {@code geo_point} fields and a {@code
 * geo_distance} query.
 */
@ExtendWith(StackExtension.class)
class EngineHarnessIT {

  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void engineTakesBulkWritesIntoAStrictGeoMapping(EngineKind kind, TestStack stack) {
    SearchEngineNode engine = stack.engine(kind);
    String index = stack.uniqueName("harness-" + kind.id()).toLowerCase(Locale.ROOT);

    JsonHttp.Response created =
        http.put(
            engine.url() + "/" + index,
            """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"dynamic": "strict", "properties": {
               "station_id": {"type": "keyword"}, "time": {"type": "date"},
               "value": {"type": "double"}, "location": {"type": "geo_point"}}}}\
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(200);

    String bulk =
        """
        {"index": {"_index": "%1$s", "_id": "8724580-1"}}
        {"station_id": "8724580", "time": "2026-01-01T00:00:00Z", "value": 0.31, "location": {"lat": 24.5508, "lon": -81.8081}}
        {"index": {"_index": "%1$s", "_id": "9447130-1"}}
        {"station_id": "9447130", "time": "2026-01-01T00:00:00Z", "value": 2.10, "location": {"lat": 47.6026, "lon": -122.3393}}
        {"index": {"_index": "%1$s", "_id": "bad-1"}}
        {"station_id": "x", "error": {"message": "No data was found."}}
        """
            .formatted(index);
    JsonNode result =
        http.post(engine.url() + "/_bulk?refresh=true", bulk, "application/x-ndjson").json();
    assertThat(result.path("errors").asBoolean()).isTrue();
    assertThat(result.path("items").get(0).path("index").path("status").asInt()).isEqualTo(201);
    assertThat(result.path("items").get(2).path("index").path("error").path("type").asText())
        .isEqualTo("strict_dynamic_mapping_exception");

    assertThat(http.get(engine.url() + "/" + index + "/_count").json().path("count").asLong())
        .isEqualTo(2);
    JsonNode nearKeyWest =
        http.post(
                engine.url() + "/" + index + "/_search",
                """
                {"query": {"geo_distance": {"distance": "50km", "location": {"lat": 24.55, "lon": -81.80}}}}\
                """)
            .json();
    assertThat(nearKeyWest.path("hits").path("hits")).hasSize(1);
    assertThat(nearKeyWest.path("hits").path("hits").get(0).path("_id").asText())
        .isEqualTo("8724580-1");
  }
}
