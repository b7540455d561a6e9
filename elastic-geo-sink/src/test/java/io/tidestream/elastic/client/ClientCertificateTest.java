package io.tidestream.elastic.client;

import static io.tidestream.elastic.testing.TestCertificates.keytool;
import static io.tidestream.elastic.testing.TestCertificates.load;
import static io.tidestream.elastic.testing.TestCertificates.openssl;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.tidestream.elastic.ElasticGeoSinkConnectorAccess;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loopback HTTPS fake engine that requires a TLS client certificate it trusts: the sink presents
 * one from a key store or from PEM files (plain or encrypted PKCS#8), and each unusable key is
 * reported on the key to change without echoing a password.
 */
class ClientCertificateTest {

  static final String STORE_PASSWORD = "client-Store-Pass-1";
  static final String PEM_PASSWORD = "pem-Key-Pass-9";
  static final String WRONG = "wrong-Secret-5521";

  @TempDir static Path dir;
  static FakeEngine engine;
  static Path serverPem;
  static Path clientP12;
  static Path clientCertPem;
  static Path clientKeyPem;

  @BeforeAll
  static void startEngineRequiringClientCertificates() throws Exception {
    Path serverP12 = dir.resolve("server.p12");
    serverPem = dir.resolve("server.pem");
    TestCertificates.localhostEngine(serverP12, serverPem, "changeit");
    clientP12 = dir.resolve("client.p12");
    clientCertPem = dir.resolve("client-cert.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "sink",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=tidestream-sink",
        "-validity",
        "2",
        "-keystore",
        clientP12.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "sink",
        "-keystore",
        clientP12.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        clientCertPem.toString());
    KeyStore client = load(clientP12, STORE_PASSWORD);
    clientKeyPem = dir.resolve("client-key.pem");
    writePem(clientKeyPem, "PRIVATE KEY", client.getKey("sink", STORE_PASSWORD.toCharArray()));

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("sink", client.getCertificate("sink"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(serverP12, "changeit"), "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    engine =
        new FakeEngine(
            new HttpsConfigurator(tls) {
              @Override
              public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
              }
            });
    engine.asOpenSearch("2.19.4");
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", engine.url());
    props.put("connection.tls.ca.pem.path", serverPem.toString());
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.put("index.name", "tides-${yyyy.MM}");
    return props;
  }

  @Test
  void presentsTheCertificateOfAPkcs12KeyStore() {
    Map<String, String> props = props();
    props.put("connection.tls.keystore.path", clientP12.toString());
    props.put("connection.tls.keystore.password", STORE_PASSWORD);
    assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();
  }

  @Test
  void presentsTheCertificateOfPlainPkcs8PemFiles() {
    Map<String, String> props = props();
    props.put("connection.tls.key.pem.path", clientKeyPem.toString());
    props.put("connection.tls.cert.pem.path", clientCertPem.toString());
    assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();
  }

  @Test
  void presentsTheCertificateOfAnEncryptedPkcs8KeyAsOpensslWritesIt() throws Exception {
    Path encrypted = dir.resolve("client-key-encrypted.pem");
    openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        clientKeyPem.toString(),
        "-out",
        encrypted.toString(),
        "-passout",
        "pass:" + PEM_PASSWORD);
    assertThat(Files.readString(encrypted)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    Map<String, String> props = props();
    props.put("connection.tls.key.pem.path", encrypted.toString());
    props.put("connection.tls.cert.pem.path", clientCertPem.toString());

    Map<String, List<String>> noPassword = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(noPassword).containsOnlyKeys("connection.tls.key.password");
    assertThat(noPassword.get("connection.tls.key.password").get(0)).contains("is encrypted");

    props.put("connection.tls.key.password", WRONG);
    Map<String, List<String>> wrong = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(wrong).containsOnlyKeys("connection.tls.key.password");
    assertThat(wrong.toString()).contains("does not decrypt").doesNotContain(WRONG);

    props.put("connection.tls.key.password", PEM_PASSWORD);
    assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();
  }

  @Test
  void withoutAClientCertificateTheEngineRefusesTheConnection() {
    // TLS 1.3: the server's alert arrives in the handshake or, after it, as a closed or reset
    // connection
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props());
    assertThat(errors).hasSize(1);
    assertThat(errors.keySet()).containsAnyOf("connection.urls", "connection.tls.keystore.path");
    assertThat(errors.toString()).contains("requires a TLS client certificate");
  }

  @Test
  void aCertificateTheEngineDoesNotTrustIsNamedInTheError() throws Exception {
    Path stranger = dir.resolve("stranger.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "stranger",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=stranger",
        "-validity",
        "2",
        "-keystore",
        stranger.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    Map<String, String> props = props();
    props.put("connection.tls.keystore.path", stranger.toString());
    props.put("connection.tls.keystore.password", STORE_PASSWORD);
    // TLS 1.3: the server's alert arrives in the handshake or, after it, as a closed or reset
    // connection
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).hasSize(1);
    assertThat(errors.keySet()).containsAnyOf("connection.urls", "connection.tls.keystore.path");
    assertThat(errors.toString())
        .contains("refused the client certificate of connection.tls.keystore.path")
        .doesNotContain(STORE_PASSWORD);
  }

  @Test
  void aWrongKeyStorePasswordIsReportedOnItsKeyWithoutEchoingIt() {
    Map<String, String> props = props();
    props.put("connection.tls.keystore.path", clientP12.toString());
    props.put("connection.tls.keystore.password", WRONG);
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).containsOnlyKeys("connection.tls.keystore.password");
    assertThat(errors.toString()).doesNotContain(WRONG).doesNotContain(STORE_PASSWORD);
  }

  @Test
  void aTrustStoreWithoutAPrivateKeyIsNotAClientKeyStore() throws Exception {
    Path trustOnly = dir.resolve("trust-only.p12");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        serverPem.toString(),
        "-keystore",
        trustOnly.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    Map<String, String> props = props();
    props.put("connection.tls.keystore.path", trustOnly.toString());
    props.put("connection.tls.keystore.password", "changeit");
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).containsOnlyKeys("connection.tls.keystore.path");
    assertThat(errors.toString()).contains("no private key");
  }

  @Test
  void aKeyOfAnotherCertificateIsReportedOnTheKeyFile() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    Path other = dir.resolve("other-key.pem");
    writePem(other, "PRIVATE KEY", gen.generateKeyPair().getPrivate());
    Map<String, String> props = props();
    props.put("connection.tls.key.pem.path", other.toString());
    props.put("connection.tls.cert.pem.path", clientCertPem.toString());
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).containsOnlyKeys("connection.tls.key.pem.path");
    assertThat(errors.toString()).contains("does not belong").contains("CN=tidestream-sink");
  }

  @Test
  void aPkcs1KeyIsReportedWithTheCommandThatConvertsIt() throws Exception {
    Path pkcs1 = dir.resolve("client-key-pkcs1.pem");
    openssl("pkey", "-in", clientKeyPem.toString(), "-traditional", "-out", pkcs1.toString());
    assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
    Map<String, String> props = props();
    props.put("connection.tls.key.pem.path", pkcs1.toString());
    props.put("connection.tls.cert.pem.path", clientCertPem.toString());
    Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
    assertThat(errors).containsOnlyKeys("connection.tls.key.pem.path");
    assertThat(errors.toString()).contains("RSA PRIVATE KEY").contains("openssl pkcs8 -topk8");
  }

  private static void writePem(Path path, String type, java.security.Key key) throws Exception {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    Files.writeString(
        path,
        "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
        StandardCharsets.US_ASCII);
  }
}
