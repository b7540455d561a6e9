package io.tidestream.elastic.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.client.EngineInfo.Distribution;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensearch.client.Request;

class TemplateBodyTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void builtinMappingTypesNoaaRecords() {
    JsonNode props = TemplateBody.builtin(mapper, "location").mappings().path("properties");
    assertThat(props.path("time").path("type").asText()).isEqualTo("date");
    assertThat(props.path("value").path("type").asText()).isEqualTo("double");
    assertThat(props.path("station_name").path("type").asText()).isEqualTo("keyword");
    assertThat(props.path("location").path("type").asText()).isEqualTo("geo_point");
    JsonNode renamed = TemplateBody.builtin(mapper, "position").mappings().path("properties");
    assertThat(renamed.path("position").path("type").asText()).isEqualTo("geo_point");
    assertThat(renamed.has("location")).isFalse();
  }

  @Test
  void acceptsComposableLegacyAndBareShapes() {
    String bare =
        "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"v\":{\"type\":\"double\"}}}}";
    String legacy =
        "{\"index_patterns\":[\"x-*\"],\"order\":1,\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"v\":{\"type\":\"double\"}}}}";
    String composable =
        "{\"index_patterns\":[\"x-*\"],\"template\":{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"v\":{\"type\":\"double\"}}}}}";
    for (String json : List.of(bare, legacy, composable)) {
      assertThat(TemplateBody.parse(mapper, json).mappings().path("dynamic").asText())
          .isEqualTo("strict");
    }
  }

  @Test
  void aDataStreamTemplateHasADataStreamBlockAndMapsTimestampAsADate() {
    TemplateBody plain = TemplateBody.builtin(mapper, "location");
    assertThat(plain.composable(mapper, List.of("tides*"), 200).has("data_stream")).isFalse();
    JsonNode stream = plain.withDataStream().composable(mapper, List.of("tides*"), 200);
    assertThat(stream.path("data_stream").isObject()).isTrue();
    JsonNode properties = stream.path("template").path("mappings").path("properties");
    assertThat(properties.path("@timestamp").path("type").asText()).isEqualTo("date");
    assertThat(properties.path("location").path("type").asText()).isEqualTo("geo_point");

    TemplateBody own =
        TemplateBody.parse(
                mapper,
                "{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date_nanos\"}}}}")
            .withDataStream();
    assertThat(own.mappings().path("properties").path("@timestamp").path("type").asText())
        .as("a mapping of its own stays")
        .isEqualTo("date_nanos");
  }

  @Test
  void rendersForComposableAndLegacyApisWithSettingsAndAlias() {
    TemplateBody body =
        TemplateBody.parse(
                mapper, "{\"settings\":{\"number_of_shards\":2},\"mappings\":{\"properties\":{}}}")
            .withSettings(mapper, "{\"number_of_shards\":1,\"number_of_replicas\":0}")
            .withAlias("tides");
    JsonNode composable = body.composable(mapper, List.of("tides-*"), 200);
    assertThat(composable.path("index_patterns").get(0).asText()).isEqualTo("tides-*");
    assertThat(composable.path("priority").asInt()).isEqualTo(200);
    assertThat(composable.path("template").path("settings").path("number_of_shards").asInt())
        .isEqualTo(1);
    assertThat(composable.path("template").path("aliases").has("tides")).isTrue();
    JsonNode legacy = body.legacy(mapper, List.of("tides-*"), 200);
    assertThat(legacy.path("order").asInt()).isEqualTo(200);
    assertThat(legacy.path("settings").path("number_of_replicas").asInt()).isZero();
  }

  @Test
  void choosesTheTemplateApiByEngineVersion() throws Exception {
    TemplateInstaller installer = new TemplateInstaller(mapper);
    TemplateBody body = TemplateBody.builtin(mapper, "location");
    Request es77 =
        installer.templateRequest(
            EngineInfo.of(Distribution.ELASTICSEARCH, "7.7.1"), "t", body, List.of("tides-*"), 5);
    Request es717 =
        installer.templateRequest(
            EngineInfo.of(Distribution.ELASTICSEARCH, "7.17.29"), "t", body, List.of("tides-*"), 5);
    Request os2 =
        installer.templateRequest(
            EngineInfo.of(Distribution.OPENSEARCH, "2.19.4"), "t", body, List.of("tides-*"), 5);
    assertThat(es77.getEndpoint()).isEqualTo("/_template/t");
    assertThat(es717.getEndpoint()).isEqualTo("/_index_template/t");
    assertThat(os2.getEndpoint()).isEqualTo("/_index_template/t");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    es717.getEntity().writeTo(out);
    assertThat(
            mapper
                .readTree(out.toByteArray())
                .path("template")
                .path("mappings")
                .path("properties")
                .has("location"))
        .isTrue();
  }

  @Test
  void malformedTemplatesSayWhatIsWrong() {
    assertThatThrownBy(() -> TemplateBody.parse(mapper, "{\"mappings\":"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> TemplateBody.parse(mapper, "[1]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> TemplateBody.parse(mapper, "{\"mapping\":{}}"))
        .hasMessageContaining("unknown field 'mapping'");
    assertThatThrownBy(() -> TemplateBody.parse(mapper, "{\"settings\":{}}"))
        .hasMessageContaining("neither settings nor mappings");
  }
}
