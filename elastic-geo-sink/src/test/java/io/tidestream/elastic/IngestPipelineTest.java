package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ingest.pipeline: checked at start and in validation, named by every bulk request. */
class IngestPipelineTest {

  private static final String PIPELINE_PATH = "/_ingest/pipeline/tides-enrich";

  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeEngine engine;
  private RestEngineSession session;

  IngestPipelineTest() throws IOException {
    engine = new FakeEngine();
    engine
        .asOpenSearch("2.19.4")
        .always("PUT", "/_index_template/tidestream-geo", Reply.json(200, "{}"))
        .always(
            "POST",
            "/_index_template/_simulate/tidestream-geo",
            Reply.json(200, "{\"template\":{}}"));
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.transport().close();
    }
    engine.close();
  }

  private Map<String, String> props(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(ElasticGeoSinkTaskTest.props());
    props.put("connection.urls", engine.url());
    props.putAll(extra);
    return props;
  }

  private RestEngineSession session(Map<String, String> extra) {
    session = new RestEngineSession(new ElasticGeoSinkConfig(props(extra)), mapper);
    return session;
  }

  private static String send(BulkTransport transport) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    transport.send(
        "{\"index\":{\"_index\":\"tides\"}}\n{\"a\":1}\n".getBytes(StandardCharsets.UTF_8),
        new BulkTransport.Listener() {
          @Override
          public void onResponse(int code, byte[] body) {
            status.complete(code);
          }

          @Override
          public void onFailure(Exception e) {
            status.completeExceptionally(e);
          }
        });
    return String.valueOf(status.get(30, TimeUnit.SECONDS));
  }

  @Test
  void everyBulkRequestNamesThePipelineOnceItIsFoundAtStart() throws Exception {
    engine.always("GET", PIPELINE_PATH, Reply.json(200, "{\"tides-enrich\":{\"processors\":[]}}"));
    RestEngineSession s = session(Map.of("ingest.pipeline", "tides-enrich"));
    s.preflight().run();
    assertThat(engine.received("GET", PIPELINE_PATH)).hasSize(1);

    assertThat(send(s.transport())).isEqualTo("200");
    assertThat(engine.received("POST", "/_bulk").get(0).query()).contains("pipeline=tides-enrich");
  }

  @Test
  void withoutAPipelineNoneIsAskedForOrNamed() throws Exception {
    RestEngineSession s = session(Map.of());
    s.preflight().run();
    assertThat(send(s.transport())).isEqualTo("200");
    assertThat(engine.received("GET", PIPELINE_PATH)).isEmpty();
    assertThat(engine.received("POST", "/_bulk").get(0).query()).doesNotContain("pipeline=");
  }

  @Test
  void aMissingPipelineStopsTheStartWithTheFix() {
    RestEngineSession s = session(Map.of("ingest.pipeline", "tides-enrich"));
    assertThatThrownBy(() -> s.preflight().run())
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "The ingest pipeline 'tides-enrich' (ingest.pipeline) does not exist on the engine;"
                + " create it (PUT _ingest/pipeline/tides-enrich) or correct ingest.pipeline");
  }

  @Test
  void aBusyEngineIsAnOutageNotAMissingPipeline() {
    engine.always("GET", PIPELINE_PATH, Reply.json(503, "{\"error\":\"unavailable\"}"));
    RestEngineSession s = session(Map.of("ingest.pipeline", "tides-enrich"));
    assertThatThrownBy(() -> s.preflight().run())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(EngineException.class);
  }

  @Test
  void validationReportsAMissingPipelineOnItsKey() {
    Map<String, List<String>> errors =
        new ElasticGeoSinkConnector()
            .validate(props(Map.of("ingest.pipeline", "tides-enrich"))).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    assertThat(errors).containsOnlyKeys("ingest.pipeline");
    assertThat(errors.get("ingest.pipeline").get(0)).contains("does not exist on the engine");

    engine.always("GET", PIPELINE_PATH, Reply.json(200, "{\"tides-enrich\":{}}"));
    assertThat(
            new ElasticGeoSinkConnector()
                .validate(props(Map.of("ingest.pipeline", "tides-enrich"))).configValues().stream()
                    .filter(v -> !v.errorMessages().isEmpty()))
        .isEmpty();
  }
}
