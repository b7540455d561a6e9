package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client-certificate and proxy keys: field validation and cross-field rules. */
class ClientConnectionConfigsTest {

  @TempDir static java.nio.file.Path dir;

  private static Map<String, List<String>> check(Map<String, String> extra) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "https://127.0.0.1:9200");
    props.put("topics", "noaa.water_level");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.putAll(extra);
    Map<String, ConfigValue> values = new HashMap<>();
    ConfigChecks.crossField(new ElasticGeoSinkConfig(props), values);
    Map<String, List<String>> errors = new HashMap<>();
    values.forEach(
        (k, v) -> {
          if (!v.errorMessages().isEmpty()) {
            errors.put(k, v.errorMessages());
          }
        });
    return errors;
  }

  private static String file(String name) throws Exception {
    java.nio.file.Path p = dir.resolve(name);
    if (!java.nio.file.Files.exists(p)) {
      java.nio.file.Files.writeString(p, "x");
    }
    return p.toString();
  }

  @Test
  void aKeyStoreOrBothPemFilesPass() throws Exception {
    assertThat(
            check(
                Map.of(
                    "connection.tls.keystore.path",
                    file("c.p12"),
                    "connection.tls.keystore.password",
                    "s")))
        .isEmpty();
    assertThat(
            check(
                Map.of(
                    "connection.tls.key.pem.path", file("k.pem"),
                    "connection.tls.cert.pem.path", file("c.pem"),
                    "connection.tls.key.password", "s")))
        .isEmpty();
  }

  @Test
  void onePemFileAloneNamesTheMissingOne() throws Exception {
    Map<String, List<String>> keyOnly = check(Map.of("connection.tls.key.pem.path", file("k.pem")));
    assertThat(keyOnly).containsOnlyKeys("connection.tls.cert.pem.path");
    Map<String, List<String>> certOnly =
        check(Map.of("connection.tls.cert.pem.path", file("c.pem")));
    assertThat(certOnly).containsOnlyKeys("connection.tls.key.pem.path");
    assertThat(certOnly.toString()).contains("private key");
  }

  @Test
  void aKeyStoreAndPemFilesTogetherAreRefused() throws Exception {
    Map<String, List<String>> errors =
        check(
            Map.of(
                "connection.tls.keystore.path", file("c.p12"),
                "connection.tls.key.pem.path", file("k.pem"),
                "connection.tls.cert.pem.path", file("c.pem")));
    assertThat(errors).containsOnlyKeys("connection.tls.key.pem.path");
    assertThat(errors.toString()).contains("not both");
  }

  @Test
  void passwordsWithoutTheirKeyAndClientCertificatesOnPlainHttpAreRefused() throws Exception {
    assertThat(check(Map.of("connection.tls.keystore.password", "s")))
        .containsOnlyKeys("connection.tls.keystore.password");
    assertThat(check(Map.of("connection.tls.key.password", "s")))
        .containsOnlyKeys("connection.tls.key.password");
    assertThat(
            check(
                Map.of(
                    ElasticGeoSinkConfig.URLS,
                    "http://127.0.0.1:9200",
                    "connection.tls.keystore.path",
                    file("c.p12"))))
        .containsOnlyKeys("connection.tls.keystore.path");
  }

  @Test
  void proxyCredentialsComeInPairsAndNeedAProxy() throws Exception {
    assertThat(
            check(
                Map.of(
                    "connection.proxy.url", "http://proxy:3128",
                    "connection.proxy.username", "u",
                    "connection.proxy.password", "p")))
        .isEmpty();
    assertThat(
            check(
                Map.of(
                    "connection.proxy.url", "http://proxy:3128", "connection.proxy.username", "u")))
        .containsOnlyKeys("connection.proxy.password");
    assertThat(
            check(
                Map.of(
                    "connection.proxy.url", "http://proxy:3128", "connection.proxy.password", "p")))
        .containsOnlyKeys("connection.proxy.username");
    assertThat(check(Map.of("connection.proxy.username", "u", "connection.proxy.password", "p")))
        .containsOnlyKeys("connection.proxy.url");
  }

  @Test
  void theProxyUrlIsHttpHostAndPortOnly() {
    var validator = ClientConnectionConfigs.proxyUrl();
    validator.ensureValid("connection.proxy.url", "http://proxy.local:3128");
    validator.ensureValid("connection.proxy.url", "");
    assertThatThrownBy(() -> validator.ensureValid("connection.proxy.url", "https://p:3128"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://");
    assertThatThrownBy(() -> validator.ensureValid("connection.proxy.url", "http://proxy.local"))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> validator.ensureValid("connection.proxy.url", "http://u:pw@p:3128"))
        .hasMessageContaining("connection.proxy.username");
    assertThatThrownBy(() -> validator.ensureValid("connection.proxy.url", "http://p:3128/x"))
        .hasMessageContaining("no path");
  }
}
