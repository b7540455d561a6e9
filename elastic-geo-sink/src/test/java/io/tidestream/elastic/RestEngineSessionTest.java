package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up against the engine: detection, template install and write alias, over loopback HTTP. */
class RestEngineSessionTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeEngine engine;
  private RestEngineSession session;

  RestEngineSessionTest() throws IOException {
    engine = new FakeEngine();
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.transport().close();
    }
    engine.close();
  }

  private RestEngineSession session(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("connection.urls", engine.url()));
    props.putAll(extra);
    session = new RestEngineSession(new ElasticGeoSinkConfig(props), mapper);
    return session;
  }

  @Test
  void installsTheBuiltInTemplateAndBootstrapsTheWriteAlias() throws Exception {
    engine
        .asOpenSearch("2.19.4")
        .always(
            "PUT", "/_index_template/tidestream-geo", Reply.json(200, "{\"acknowledged\":true}"))
        .always(
            "PUT",
            "/tides-000001",
            Reply.json(200, "{\"acknowledged\":true,\"index\":\"tides-000001\"}"));
    RestEngineSession s =
        session(
            Map.of(
                "index.name",
                "tides",
                "mapping.write.alias.bootstrap",
                "true",
                "mapping.index.settings",
                "{\"number_of_replicas\":0}"));
    s.preflight().run();

    assertThat(s.engine().distribution()).isEqualTo(EngineInfo.Distribution.OPENSEARCH);
    JsonNode template =
        mapper.readTree(engine.received("PUT", "/_index_template/tidestream-geo").get(0).body());
    assertThat(template.path("index_patterns").get(0).asText()).isEqualTo("tides*");
    assertThat(
            template
                .path("template")
                .path("mappings")
                .path("properties")
                .path("location")
                .path("type")
                .asText())
        .isEqualTo("geo_point");
    assertThat(template.path("template").path("settings").path("number_of_replicas").asInt())
        .isZero();
    assertThat(engine.received("HEAD", "/tides")).hasSize(1);
    JsonNode created = mapper.readTree(engine.received("PUT", "/tides-000001").get(0).body());
    assertThat(created.path("aliases").path("tides").path("is_write_index").asBoolean()).isTrue();
  }

  @Test
  void refusesElasticsearchSix() {
    engine.always(
        "GET",
        "/",
        Reply.json(
            200, "{\"version\":{\"number\":\"6.8.23\"},\"tagline\":\"You Know, for Search\"}"));
    RestEngineSession s = session(Map.of("index.name", "tides-${yyyy.MM}"));
    assertThatThrownBy(() -> s.preflight().run())
        .hasMessageContaining("Elasticsearch 6.8.23")
        .hasMessageContaining("supports Elasticsearch 7.17-9.x");
  }

  @Test
  void anEngineThatIsStillStartingIsRetriedNotFatal() {
    engine.always(
        "GET",
        "/",
        Reply.json(503, "{\"error\":{\"type\":\"cluster_block_exception\"},\"status\":503}"));
    RestEngineSession s = session(Map.of("index.name", "tides-${yyyy.MM}"));
    assertThatThrownBy(() -> s.preflight().run())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void aRejectedTemplateNamesTheEngineErrorAndTheKeyToFix() {
    engine
        .asOpenSearch("3.3.2")
        .always(
            "PUT",
            "/_index_template/tidestream-geo",
            Reply.json(
                400,
                "{\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"No handler for type"
                    + " [geopoint] declared on field [location]\"},\"status\":400}"));
    RestEngineSession s =
        session(
            Map.of(
                "index.name",
                "tides-${yyyy.MM}",
                "mapping.template.mode",
                "inline",
                "mapping.template.inline",
                "{\"mappings\":{\"properties\":{\"location\":{\"type\":\"geopoint\"}}}}"));
    assertThatThrownBy(() -> s.preflight().run())
        .hasMessageContaining("mapper_parsing_exception: No handler for type [geopoint]")
        .hasMessageContaining("mapping.template.inline");
  }
}
