package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.SigV4Verifier;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.Validations;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AWS SigV4 signing against a local verifier ({@link SigV4Verifier}: Amazon OpenSearch Service's
 * SigV4 check, written independently and proven with AWS's published vectors) in front of a real
 * OpenSearch 2, with the sink loaded from its ZIP by real Connect workers. Nothing here reaches
 * AWS. Credentials go through connector keys (the workers' environment is shared by all ITs).
 */
@ExtendWith(StackExtension.class)
class SinkSigV4IT {

  static final String KEY_ID = "AKIDTIDESTREAMSIGV4IT";
  static final String SECRET = "tIdEsTrEaM/SigV4+IT/SeCrEtKeY/0123456789ab";
  static final String WRONG_SECRET = "wRoNg/SigV4+IT/SeCrEtKeY/9876543210zyxwvu";
  static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjTIDESTREAM-IT-session-token-5150";
  static final int RECORDS = 500;

  @Test
  void signedRequestsVerifyAndAWrongSecretIsAnErrorOnTheSecretKey(TestStack stack)
      throws Exception {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    // worker logs outlive a run: what this test's tasks log starts after these offsets
    Map<String, Long> logStart = new HashMap<>();
    for (ConnectWorker w : stack.connect().workers()) {
      logStart.put(w.name(), Files.size(w.process().logFile()));
    }
    try (SigV4Verifier es =
            SigV4Verifier.start(engine.url(), "eu-west-1", "es", KEY_ID, SECRET, SESSION_TOKEN);
        SigV4Verifier aoss =
            SigV4Verifier.start(engine.url(), "eu-west-1", "aoss", KEY_ID, SECRET, null)) {
      KafkaTool kafka = stack.kafkaTool();
      String topic = stack.uniqueName("sigv4");
      String index = topic.toLowerCase();
      kafka.createTopic(topic, 2);
      kafka.produce(topic, SinkResilienceIT.records(RECORDS, new HashSet<>()));

      Map<String, String> config = SinkResilienceIT.sinkConfig(es.url(), topic, index);
      config.put("name", stack.uniqueName("sink-sigv4"));
      config.put("connection.compression", "true");
      config.put("connection.aws.sigv4.enabled", "true");
      config.put("connection.aws.region", "eu-west-1");
      config.put("connection.aws.service", "es");
      config.put("connection.aws.access.key.id", KEY_ID);
      config.put("connection.aws.session.token", SESSION_TOKEN);

      // (a) a wrong secret: refused by the verifier, an error on the secret key, never echoed
      config.put("connection.aws.secret.access.key", WRONG_SECRET);
      JsonNode wrong = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
      assertThat(Validations.errorsOn(wrong, "connection.aws.secret.access.key"))
          .as(wrong.toString())
          .contains("HTTP 403")
          .contains("access key id '" + KEY_ID + "'")
          .contains("check connection.aws.secret.access.key");
      assertThat(wrong.path("error_count").asInt()).as(wrong.toString()).isEqualTo(1);
      assertThat(wrong.toString()).doesNotContain(WRONG_SECRET).doesNotContain(SESSION_TOKEN);
      assertThat(es.refused())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.message()).startsWith("The request signature we"));
      assertThat(es.verified()).isZero();

      // an access key id the verifier does not know: an error on the key id
      config.put("connection.aws.access.key.id", "AKIDUNKNOWNTOTHEVERIFIER");
      JsonNode unknown = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
      assertThat(Validations.errorsOn(unknown, "connection.aws.access.key.id"))
          .as(unknown.toString())
          .contains("AWS does not know access key id 'AKIDUNKNOWNTOTHEVERIFIER'");
      assertThat(unknown.toString()).doesNotContain(WRONG_SECRET).doesNotContain(SESSION_TOKEN);
      config.put("connection.aws.access.key.id", KEY_ID);

      // (b) the right secret: validation passes, every probe it sent verified
      es.reset();
      config.put("connection.aws.secret.access.key", SECRET);
      JsonNode ok = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
      assertThat(ok.path("error_count").asInt()).as(ok.toString()).isZero();
      assertThat(es.refused()).isEmpty();
      assertThat(es.verified()).isPositive();

      // (c) a run with gzip: every record lands, every request verified, none refused
      es.reset();
      stack.connect().startConnector(config.get("name"), config, 2);
      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> docs.count(index) >= RECORDS);
      stack.connect().deleteConnector(config.get("name"));
      assertThat(docs.count(index)).isEqualTo(RECORDS);
      assertThat(es.refused()).as("requests the verifier refused").isEmpty();
      assertThat(es.verifiedRequests()).as("gzipped bulk bodies").contains("POST /_bulk (gzip)");

      // (d) OpenSearch Serverless: service aoss verifies; es against aoss is an error on the key
      Map<String, String> serverless = SinkResilienceIT.sinkConfig(aoss.url(), topic, index);
      serverless.put("name", stack.uniqueName("sink-sigv4-aoss"));
      serverless.put("connection.aws.sigv4.enabled", "true");
      serverless.put("connection.aws.region", "eu-west-1");
      serverless.put("connection.aws.service", "aoss");
      serverless.put("connection.aws.access.key.id", KEY_ID);
      serverless.put("connection.aws.secret.access.key", SECRET);
      JsonNode aossOk = stack.connect().rest().validate(Connectors.SINK_CLASS, serverless);
      assertThat(aossOk.path("error_count").asInt()).as(aossOk.toString()).isZero();
      assertThat(aoss.refused()).isEmpty();
      assertThat(aoss.verified()).isPositive();
      serverless.put("connection.aws.service", "es");
      JsonNode wrongService = stack.connect().rest().validate(Connectors.SINK_CLASS, serverless);
      assertThat(Validations.errorsOn(wrongService, "connection.aws.service"))
          .as(wrongService.toString())
          .contains("aoss for a Serverless collection");

      // (e) no secret, session token or signature in any worker log; the tasks say they sign
      StringBuilder logs = new StringBuilder();
      for (ConnectWorker w : stack.connect().workers()) {
        byte[] bytes = Files.readAllBytes(w.process().logFile());
        String log = new String(bytes, StandardCharsets.UTF_8);
        int from = (int) Math.min(bytes.length, logStart.get(w.name()));
        logs.append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
        assertThat(log)
            .as(w.name() + " log")
            .doesNotContain(SECRET)
            .doesNotContain(WRONG_SECRET)
            .doesNotContain(SESSION_TOKEN)
            .doesNotContain("AWS4-HMAC-SHA256");
      }
      assertThat(logs.toString())
          .as("what the tasks of this run logged")
          .contains(
              "requests signed with AWS SigV4 for service es in eu-west-1 with access key id "
                  + KEY_ID);
    }
  }
}
