package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.LocalDaemon;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.Validations;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sink's connection options against real servers on every engine: nginx in front of the engine
 * requires a TLS client certificate, and a real forward proxy (tinyproxy, with basic auth) sits
 * between the workers and nginx (CONNECT tunnel) or the engine itself (plain http).
 */
@ExtendWith(StackExtension.class)
class SinkConnectionIT {

  static final String PROXY_PASSWORD = "proxy-Secret-8123";
  static final String WRONG_PROXY_PASSWORD = "not-the-Proxy-Secret-5507";

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void writesWithAClientCertificateThroughAForwardProxy(EngineKind kind, TestStack stack)
      throws Exception {
    SearchEngineNode engine = stack.engine(kind);
    Path dir = Files.createTempDirectory("sink-connection-");
    Path serverKey = dir.resolve("server-key.pem");
    Path serverCert = dir.resolve("server-cert.pem");
    Path clientKey = dir.resolve("client-key.pem");
    Path clientCert = dir.resolve("client-cert.pem");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        serverKey.toString(),
        "-out",
        serverCert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        clientKey.toString(),
        "-out",
        clientCert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=tidestream-sink");
    assertThat(Files.readString(clientKey)).contains("BEGIN PRIVATE KEY"); // PKCS#8

    try (LocalDaemon nginx =
            LocalDaemon.nginxRequiringClientCertificates(
                dir.resolve("nginx"), serverCert, serverKey, clientCert, engine.url());
        LocalDaemon proxy =
            LocalDaemon.tinyproxy(dir.resolve("tinyproxy"), "tide", PROXY_PASSWORD, nginx.port())) {
      KafkaTool kafka = stack.kafkaTool();
      String topic = stack.uniqueName("conn-" + kind.id());
      String index = topic.toLowerCase();
      kafka.createTopic(topic, 1);
      kafka.produce(topic, SinkResilienceIT.records(400, new HashSet<>()));

      // https through the proxy's CONNECT tunnel to nginx, which wants the client certificate
      Map<String, String> tls =
          SinkResilienceIT.sinkConfig("https://127.0.0.1:" + nginx.port(), topic, index);
      tls.put("name", stack.uniqueName("sink-conn-tls"));
      tls.put("connection.tls.ca.pem.path", serverCert.toString());
      tls.put("connection.proxy.url", "http://127.0.0.1:" + proxy.port());
      tls.put("connection.proxy.username", "tide");

      // tinyproxy 1.11 answers wrong credentials with 401 (407 only when there are none)
      tls.put("connection.proxy.password", WRONG_PROXY_PASSWORD);
      JsonNode refused = stack.connect().rest().validate(Connectors.SINK_CLASS, tls);
      assertThat(Validations.errorsOn(refused, "connection.proxy.password"))
          .as(refused.toString())
          .contains("proxy")
          .contains("user 'tide'")
          .doesNotContain(WRONG_PROXY_PASSWORD);
      assertThat(refused.toString()).doesNotContain(WRONG_PROXY_PASSWORD);

      tls.put("connection.proxy.password", PROXY_PASSWORD);
      JsonNode noCert = stack.connect().rest().validate(Connectors.SINK_CLASS, tls);
      assertThat(Validations.errorsOn(noCert, "connection.urls"))
          .as(noCert.toString())
          .contains("HTTP 400")
          .contains("requires a TLS client certificate");

      tls.put("connection.tls.key.pem.path", clientKey.toString());
      tls.put("connection.tls.cert.pem.path", clientCert.toString());
      JsonNode ok = stack.connect().rest().validate(Connectors.SINK_CLASS, tls);
      assertThat(ok.path("error_count").asInt()).as(ok.toString()).isZero();

      // plain http through the same proxy straight to the engine (pre-emptive proxy auth)
      String plainTopic = stack.uniqueName("conn-plain-" + kind.id());
      String plainIndex = plainTopic.toLowerCase();
      kafka.createTopic(plainTopic, 1);
      kafka.produce(plainTopic, SinkResilienceIT.records(300, new HashSet<>()));
      Map<String, String> plain = SinkResilienceIT.sinkConfig(engine.url(), plainTopic, plainIndex);
      plain.put("name", stack.uniqueName("sink-conn-plain"));
      plain.put("connection.proxy.url", "http://127.0.0.1:" + proxy.port());
      plain.put("connection.proxy.username", "tide");
      plain.put("connection.proxy.password", PROXY_PASSWORD);
      plain.put("connection.compression", "true");

      stack.connect().startConnector(tls.get("name"), tls, 2);
      stack.connect().startConnector(plain.get("name"), plain, 2);
      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> docs.count(index) == 400 && docs.count(plainIndex) == 300);
      stack.connect().deleteConnector(tls.get("name"));
      stack.connect().deleteConnector(plain.get("name"));

      List<String> nginxBulk =
          Files.readAllLines(nginx.dir().resolve("access.log")).stream()
              .filter(l -> l.contains("/_bulk"))
              .toList();
      assertThat(nginxBulk).isNotEmpty().allMatch(l -> l.contains("client=\"CN=tidestream-sink\""));
      String proxyLog = Files.readString(proxy.dir().resolve("tinyproxy.log"));
      assertThat(proxyLog)
          .contains("CONNECT 127.0.0.1:" + nginx.port())
          .contains("POST " + engine.url() + "/_bulk");

      for (ConnectWorker w : stack.connect().workers()) {
        String log = Files.readString(w.process().logFile());
        assertThat(log)
            .as(w.name() + " log")
            .doesNotContain(PROXY_PASSWORD)
            .doesNotContain(WRONG_PROXY_PASSWORD);
      }
    }
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
