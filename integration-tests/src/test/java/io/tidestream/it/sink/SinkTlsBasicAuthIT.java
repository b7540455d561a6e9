package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.TlsProxy;
import io.tidestream.it.harness.Validations;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a TLS endpoint with basic auth (a JDK TLS proxy in front of the engine) the sink writes;
 * a wrong password is reported on the password key, and no password reaches a log line.
 */
@ExtendWith(StackExtension.class)
class SinkTlsBasicAuthIT {

  static final String PASSWORD = "tide-Secret-7781";
  static final String WRONG = "not-the-Password-4419";

  @Test
  void writesThroughTlsWithBasicAuthAndReportsAWrongPasswordOnItsKeyWithoutLeakingIt(
      TestStack stack) throws Exception {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    Path dir = Files.createTempDirectory("tls-proxy-");
    try (TlsProxy proxy = TlsProxy.start(dir, engine.url(), "tide", PASSWORD)) {
      KafkaTool kafka = stack.kafkaTool();
      String topic = stack.uniqueName("tls");
      String index = topic.toLowerCase();
      kafka.createTopic(topic, 1);
      kafka.produce(topic, SinkResilienceIT.records(500, new HashSet<>()));

      Map<String, String> config = SinkResilienceIT.sinkConfig(proxy.url(), topic, index);
      config.put("name", stack.uniqueName("sink-tls"));
      config.put("connection.username", "tide");
      config.put("connection.tls.ca.pem.path", proxy.caPem().toString());

      config.put("connection.password", WRONG);
      JsonNode result = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
      assertThat(result.path("error_count").asInt()).isPositive();
      String passwordErrors = Validations.errorsOn(result, "connection.password");
      assertThat(passwordErrors)
          .as("errors on connection.password in %s", errorsSummary(result))
          .isNotBlank()
          .doesNotContain(WRONG);
      assertThat(result.toString()).doesNotContain(WRONG);

      config.put("connection.password", PASSWORD);
      JsonNode ok = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
      assertThat(errorsSummary(ok)).isEmpty();

      String name = config.get("name");
      stack.connect().startConnector(name, config, 2);
      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> docs.count(index) == 500);
      stack.connect().deleteConnector(name);
      assertThat(Files.readString(dir.resolve("access.log"))).contains("_bulk");

      for (ConnectWorker w : stack.connect().workers()) {
        String log = Files.readString(w.process().logFile());
        assertThat(log).as(w.name() + " log").doesNotContain(PASSWORD).doesNotContain(WRONG);
      }
    }
  }

  /** Every key with errors, and its errors. */
  private static String errorsSummary(JsonNode validation) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : validation.path("configs")) {
      if (!c.path("value").path("errors").isEmpty()) {
        sb.append(c.path("value").path("name").asText())
            .append(": ")
            .append(c.path("value").path("errors"))
            .append('\n');
      }
    }
    return sb.toString();
  }
}
