package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A configuration carried over from Confluent's Elasticsearch sink, on a real distributed Connect
 * cluster: the REST validation reports one error on each key this sink does not read (Connect
 * counts errors on keys outside the connector's ConfigDef), creating the connector is refused with
 * the same messages, and no secret comes back.
 */
@ExtendWith(StackExtension.class)
class SinkMigrationIT {

  static final String SECRET = "proxy-Secret-5531";

  /** Confluent's keys beside ours; the engine is never reached while errors remain. */
  static Map<String, String> confluentStyle(String name) {
    Map<String, String> c = Connectors.sink("http://127.0.0.1:9", "orders", "orders", "orders-dlq");
    c.put("name", name);
    c.put("connection.url", "http://es1:9200,http://es2:9200");
    c.put("batch.size", "500");
    c.put("key.ignore", "true");
    c.put("schema.ignore", "true");
    c.put("type.name", "_doc");
    c.put("behavior.on.malformed.documents", "warn");
    c.put("proxy.host", "proxy.corp");
    c.put("proxy.port", "3128");
    c.put("proxy.password", SECRET);
    c.put("kerberos.user.principal", "connect@CORP");
    return c;
  }

  static final Map<String, String> EXPECTED =
      Map.of(
          "connection.url", "connection.urls=http://es1:9200,http://es2:9200",
          "batch.size", "bulk.max.actions=500",
          "key.ignore", "document.id.strategy=kafka-coordinates",
          "schema.ignore", "no equivalent",
          "type.name", "no equivalent",
          "behavior.on.malformed.documents", "errors.type.actions=mapper_parsing_exception:ignore",
          "proxy.host", "connection.proxy.url=http://proxy.corp:3128",
          "proxy.port", "connection.proxy.url=http://proxy.corp:3128",
          "proxy.password", "connection.proxy.password",
          "kerberos.user.principal", "Kerberos");

  @Test
  void validateReportsEachForeignKeyOnItselfAndCreatingTheConnectorIsRefused(TestStack stack) {
    Map<String, String> config = confluentStyle(stack.uniqueName("migrate"));

    JsonNode result = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (JsonNode c : result.path("configs")) {
      List<String> messages = new ArrayList<>();
      c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
      if (!messages.isEmpty()) {
        errors.put(c.path("value").path("name").asText(), messages);
      }
    }
    assertThat(errors).containsOnlyKeys(EXPECTED.keySet());
    EXPECTED.forEach(
        (key, fix) ->
            assertThat(errors.get(key))
                .as(key)
                .singleElement()
                .asString()
                .startsWith(key + " is a key of Confluent's Elasticsearch sink")
                .contains(fix));
    assertThat(result.path("error_count").asInt()).isEqualTo(EXPECTED.size());
    assertThat(result.toString()).doesNotContain(SECRET);

    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    config.forEach(body::put);
    JsonHttp.Response created =
        stack
            .connect()
            .rest()
            .put("/connectors/" + config.get("name") + "/config", body.toString());
    assertThat(created.status()).as(created.body()).isEqualTo(400);
    assertThat(created.body())
        .contains("batch.size is a key of Confluent's Elasticsearch sink")
        .contains("bulk.max.actions=500")
        .doesNotContain(SECRET);
    assertThat(stack.connect().rest().connectors()).doesNotContain(config.get("name"));
  }
}
