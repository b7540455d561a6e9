package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.mapping.LifecyclePolicy;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mapping.lifecycle.policy against a fake engine: validation, task start, installed template. */
class LifecyclePolicyCheckTest {

  private static final String ILM_PATH = "/_ilm/policy/tides-30d";
  private static final String ISM_PATH = "/_plugins/_ism/policies/tides-30d";
  private static final String TEMPLATE = "/_index_template/tidestream-geo";

  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeEngine engine;
  private RestEngineSession session;

  LifecyclePolicyCheckTest() throws IOException {
    engine = new FakeEngine();
    engine
        .always("PUT", TEMPLATE, Reply.json(200, "{}"))
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

  private FakeEngine asElasticsearch() {
    return engine.always(
        "GET",
        "/",
        new Reply(
            200,
            "{\"name\":\"node-1\",\"cluster_name\":\"tides\",\"version\":{\"number\":\"8.19.8\","
                + "\"build_flavor\":\"default\"},\"tagline\":\"You Know, for Search\"}",
            Map.of("X-elastic-product", "Elasticsearch")));
  }

  private Map<String, String> props(String... kv) {
    Map<String, String> props = new HashMap<>(ElasticGeoSinkTaskTest.props());
    props.put("connection.urls", engine.url());
    props.put("index.name", "tides");
    props.put("mapping.lifecycle.policy", "tides-30d");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return props;
  }

  private Map<String, List<String>> errors(Map<String, String> props) {
    return new ElasticGeoSinkConnector()
        .validate(props).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private RestEngineSession session(Map<String, String> props) {
    session = new RestEngineSession(new ElasticGeoSinkConfig(props), mapper);
    return session;
  }

  @Test
  void elasticsearchGetsTheSettingInTheInstalledTemplateOnceThePolicyIsFound() throws Exception {
    asElasticsearch()
        .always("GET", ILM_PATH, Reply.json(200, "{\"tides-30d\":{\"policy\":{\"phases\":{}}}}"));
    assertThat(errors(props("data.stream.enabled", "true"))).isEmpty();

    session(props("data.stream.enabled", "true")).preflight().run();
    assertThat(engine.received("GET", ILM_PATH)).hasSize(2); // validation, then the task start
    JsonNode installed = mapper.readTree(engine.received("PUT", TEMPLATE).get(0).body());
    assertThat(installed.path("template").path("settings").path("index.lifecycle.name").asText())
        .isEqualTo("tides-30d");
    assertThat(installed.has("data_stream")).isTrue();
    JsonNode simulated =
        mapper.readTree(
            engine.received("POST", "/_index_template/_simulate/tidestream-geo").get(0).body());
    assertThat(simulated.path("template").path("settings").path("index.lifecycle.name").asText())
        .as("validation checks the template as it will be installed")
        .isEqualTo("tides-30d");
  }

  @Test
  void aMissingIlmPolicyIsRefusedOnItsKeyAndStopsTheStart() {
    asElasticsearch()
        .always(
            "GET",
            ILM_PATH,
            Reply.json(
                404,
                "{\"error\":{\"type\":\"resource_not_found_exception\",\"reason\":\"Lifecycle"
                    + " policy not found: tides-30d\"},\"status\":404}"));
    Map<String, List<String>> errors = errors(props());
    assertThat(errors).containsOnlyKeys("mapping.lifecycle.policy");
    assertThat(errors.get("mapping.lifecycle.policy").get(0))
        .startsWith("The ILM policy 'tides-30d' (mapping.lifecycle.policy) does not exist");

    RestEngineSession s = session(props());
    assertThatThrownBy(() -> s.preflight().run())
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("The ILM policy 'tides-30d' (mapping.lifecycle.policy)");
    assertThat(engine.received("PUT", TEMPLATE)).as("no template without its policy").isEmpty();
  }

  @Test
  void openSearchChecksTheIsmTemplateAndInstallsTheTemplateUnchanged() throws Exception {
    engine
        .asOpenSearch("2.19.4")
        .always(
            "GET",
            ISM_PATH,
            Reply.json(
                200,
                "{\"_id\":\"tides-30d\",\"_seq_no\":3,\"_primary_term\":1,\"policy\":{"
                    + "\"ism_template\":[{\"index_patterns\":[\"logs-*\"],\"priority\":1}]}}"));
    Map<String, List<String>> errors = errors(props());
    assertThat(errors).containsOnlyKeys("mapping.lifecycle.policy");
    assertThat(errors.get("mapping.lifecycle.policy").get(0))
        .contains("do not cover [tides*]")
        .contains("{\"index_patterns\":[\"tides*\"],\"priority\":100}");

    engine.always(
        "GET",
        ISM_PATH,
        Reply.json(
            200,
            "{\"_id\":\"tides-30d\",\"policy\":{\"ism_template\":[{\"index_patterns\":"
                + "[\"tides*\"]}]}}"));
    assertThat(errors(props())).isEmpty();
    session(props()).preflight().run();
    JsonNode installed = mapper.readTree(engine.received("PUT", TEMPLATE).get(0).body());
    assertThat(installed.path("template").path("settings").has("index.lifecycle.name")).isFalse();
  }

  @Test
  void anIsmAnswerThatIsNotJsonIsRefusedNotACrash() {
    engine.asOpenSearch("2.19.4").always("GET", ISM_PATH, Reply.json(200, "<html>proxy</html>"));
    assertThat(errors(props()).get("mapping.lifecycle.policy"))
        .singleElement()
        .asString()
        .contains("its index_patterns [] do not cover [tides*]")
        .contains("if_seq_no=<seq_no>&if_primary_term=<primary_term>");
    assertThat(LifecyclePolicy.KEY).isEqualTo(ElasticGeoSinkConfig.LIFECYCLE_POLICY);
  }

  @Test
  void anEngineWithoutIsmIsRefusedOnTheKey() {
    engine
        .asOpenSearch("2.19.4")
        .always(
            "GET",
            ISM_PATH,
            Reply.json(
                400,
                "{\"error\":\"no handler found for uri [/_plugins/_ism/policies/tides-30d] and"
                    + " method [GET]\"}"));
    assertThat(errors(props()).get("mapping.lifecycle.policy"))
        .singleElement()
        .asString()
        .startsWith("Index State Management (ISM) is not available on OpenSearch 2.19.4");
  }

  @Test
  void aBusyEngineIsAnOutageNotAMissingPolicy() {
    engine
        .asOpenSearch("2.19.4")
        .always("GET", ISM_PATH, Reply.json(503, "{\"error\":\"unavailable\"}"));
    RestEngineSession s = session(props());
    assertThatThrownBy(() -> s.preflight().run())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(EngineException.class);
  }

  @Test
  void withoutThePolicyNothingIsAskedAndNoSettingIsAdded() throws Exception {
    asElasticsearch();
    Map<String, String> props = props();
    props.remove("mapping.lifecycle.policy");
    session(props).preflight().run();
    assertThat(engine.received("GET", ILM_PATH)).isEmpty();
    JsonNode installed = mapper.readTree(engine.received("PUT", TEMPLATE).get(0).body());
    assertThat(installed.path("template").path("settings").has("index.lifecycle.name")).isFalse();
  }

  @Test
  void fieldChecksRefuseAConflictingTemplateAndATemplateModeWithoutTemplate() {
    Map<String, List<String>> conflict =
        errors(
            props(
                "mapping.index.settings",
                "{\"index.lifecycle.name\":\"tides-7d\"}",
                "connection.urls",
                "http://127.0.0.1:1"));
    assertThat(conflict).containsOnlyKeys("mapping.lifecycle.policy");
    assertThat(conflict.get("mapping.lifecycle.policy").get(0))
        .contains("index.lifecycle.name='tides-7d'")
        .contains("mapping.lifecycle.policy='tides-30d'");

    Map<String, List<String>> none =
        errors(props("mapping.template.mode", "none", "connection.urls", "http://127.0.0.1:1"));
    assertThat(none).containsOnlyKeys("mapping.lifecycle.policy");
    assertThat(none.get("mapping.lifecycle.policy").get(0))
        .contains("mapping.template.mode=none installs none");

    assertThat(errors(props("mapping.lifecycle.policy", "_bad name")))
        .containsOnlyKeys("mapping.lifecycle.policy");
    assertThat(engine.received()).as("field checks come before the engine").isEmpty();
  }
}
