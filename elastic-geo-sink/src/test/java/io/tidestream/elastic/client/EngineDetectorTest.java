package io.tidestream.elastic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.RestClient;

class EngineDetectorTest {

  private final FakeEngine engine;
  private final RestClient client;

  EngineDetectorTest() throws Exception {
    engine = new FakeEngine();
    client =
        EngineClientFactory.create(
            new ElasticGeoSinkConfig(
                Map.of(
                    "connection.urls",
                    engine.url(),
                    "connection.username",
                    "connect",
                    "connection.password",
                    "s3cret")));
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    engine.close();
  }

  private EngineInfo detect() throws Exception {
    return new EngineDetector(new ObjectMapper()).detect(client);
  }

  @Test
  void openSearchIsToldByVersionDistribution() throws Exception {
    engine.asOpenSearch("3.3.2");
    EngineInfo info = detect();
    assertThat(info.distribution()).isEqualTo(EngineInfo.Distribution.OPENSEARCH);
    assertThat(info.major()).isEqualTo(3);
    assertThat(info.supportsComposableTemplates()).isTrue();
    assertThat(engine.received().get(0).header("Authorization"))
        .isEqualTo("Basic Y29ubmVjdDpzM2NyZXQ=");
  }

  @Test
  void elasticsearchSevenAnswersTheRootEndpoint() throws Exception {
    engine.always(
        "GET",
        "/",
        new Reply(
            200,
            "{\"name\":\"n\",\"version\":{\"number\":\"7.17.29\",\"build_flavor\":\"default\"},"
                + "\"tagline\":\"You Know, for Search\"}",
            Map.of("X-elastic-product", "Elasticsearch")));
    EngineInfo info = detect();
    assertThat(info)
        .isEqualTo(new EngineInfo(EngineInfo.Distribution.ELASTICSEARCH, "7.17.29", 7, 17));
  }

  @Test
  void elasticsearchEightIntegTestDistributionAnswering405FallsBackToNodesInfo() throws Exception {
    engine
        .always(
            "GET",
            "/",
            new Reply(
                405,
                "{\"error\":\"Incorrect HTTP method for uri [/] and method [GET], allowed:"
                    + " [HEAD]\",\"status\":405}",
                Map.of("X-elastic-product", "Elasticsearch", "Allow", "HEAD")))
        .always(
            "GET",
            "/_nodes/_local",
            new Reply(
                200,
                "{\"nodes\":{\"Xy1\":{\"version\":\"8.19.8\",\"build_flavor\":\"default\"}}}",
                Map.of("X-elastic-product", "Elasticsearch")));
    EngineInfo info = detect();
    assertThat(info.distribution()).isEqualTo(EngineInfo.Distribution.ELASTICSEARCH);
    assertThat(info.version()).isEqualTo("8.19.8");
    assertThat(engine.received("GET", "/_nodes/_local").get(0).query()).contains("filter_path=");
  }

  @Test
  void openSearchWithoutTheRootEndpointIsToldByTheMissingProductHeader() throws Exception {
    engine
        .always(
            "GET",
            "/",
            Reply.json(403, "{\"error\":{\"type\":\"security_exception\"},\"status\":403}"))
        .always(
            "GET",
            "/_nodes/_local",
            Reply.json(200, "{\"nodes\":{\"a\":{\"version\":\"2.19.4\"}}}"));
    assertThat(detect().distribution()).isEqualTo(EngineInfo.Distribution.OPENSEARCH);
  }

  @Test
  void badCredentialsAreReportedWithoutThePassword() {
    engine.always(
        "GET",
        "/",
        Reply.json(
            401,
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user"
                + " [connect]\"},\"status\":401}"));
    assertThatThrownBy(this::detect)
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("connection.password")
        .hasMessageNotContaining("s3cret");
  }
}
