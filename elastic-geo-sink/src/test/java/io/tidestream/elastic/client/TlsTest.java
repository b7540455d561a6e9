package io.tidestream.elastic.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.elastic.ElasticGeoSinkConnectorAccess;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.TestCertificates;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with basic auth against a loopback fake engine whose self-signed certificate we trust by
 * PEM or trust store.
 */
class TlsTest {

  @TempDir static Path dir;
  static FakeEngine engine;
  static Path pem;
  static Path keystore;

  @BeforeAll
  static void startHttpsEngine() throws Exception {
    keystore = dir.resolve("engine.p12");
    pem = dir.resolve("ca.pem");
    TestCertificates.localhostEngine(keystore, pem, "changeit");
    KeyStore ks = TestCertificates.load(keystore, "changeit");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    engine = new FakeEngine(tls);
    String good =
        "Basic " + Base64.getEncoder().encodeToString("connect:right-password".getBytes());
    engine.asOpenSearch("2.19.4");
    engine.authorizeOnly(good);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static Map<String, String> props(String password) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", engine.url());
    props.put("connection.username", "connect");
    props.put("connection.password", password);
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.put("index.name", "tides-${yyyy.MM}");
    return props;
  }

  @Test
  void worksWithAPemCaAndBasicAuth() {
    Map<String, String> props = props("right-password");
    props.put("connection.tls.ca.pem.path", pem.toString());
    assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();
  }

  @Test
  void worksWithATrustStore() {
    Map<String, String> props = props("right-password");
    props.put("connection.tls.truststore.path", keystore.toString());
    props.put("connection.tls.truststore.password", "changeit");
    assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();
  }

  @Test
  void untrustedCertificateIsReportedOnTheTlsKey() {
    Map<String, List<String>> errors =
        ElasticGeoSinkConnectorAccess.errors(props("right-password"));
    assertThat(errors).containsOnlyKeys("connection.tls.ca.pem.path");
    assertThat(errors.get("connection.tls.ca.pem.path").get(0)).contains("TLS handshake");
  }

  @Test
  void wrongPasswordOverTlsIsReportedOnThePasswordKeyWithoutEchoingIt() {
    Map<String, String> props = props("wrong-password-123");
    props.put("connection.tls.ca.pem.path", pem.toString());
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).containsOnlyKeys("connection.password");
    assertThat(errors.toString()).doesNotContain("wrong-password-123");
  }
}
