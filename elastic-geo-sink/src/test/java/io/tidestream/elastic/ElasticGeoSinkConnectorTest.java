package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ElasticGeoSinkConnectorTest {

  private final ElasticGeoSinkConnector connector = new ElasticGeoSinkConnector();

  private static Map<String, String> props(String url) {
    Map<String, String> props = new HashMap<>(ElasticGeoSinkTaskTest.props());
    props.put("connection.urls", url);
    return props;
  }

  private static Map<String, List<String>> errors(Config config) {
    return config.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private Config validateOffline(Map<String, String> props) {
    return connector.validate(
        props, c -> fail("the network check must not run while fields are invalid"));
  }

  @Test
  void fieldErrorsAreReportedOnTheirKeyWithoutTouchingTheNetwork() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("index.name", "Tides-${yyyy.MM}");
    props.put("geo.lat.field", "metadata..lat");
    props.put("errors.type.actions", "mapper_parsing_exception");
    assertThat(errors(validateOffline(props)))
        .containsOnlyKeys("index.name", "geo.lat.field", "errors.type.actions");
  }

  @Test
  void theDocumentSizeLimitIsMinusOneOrAPositiveSize() {
    for (String bad : List.of("0", "-2", "1MB")) {
      Map<String, String> props = props("http://127.0.0.1:9200");
      props.put("document.max.bytes", bad);
      assertThat(errors(validateOffline(props))).as(bad).containsOnlyKeys("document.max.bytes");
    }
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("document.max.bytes", "0");
    assertThat(errors(validateOffline(props)).get("document.max.bytes").get(0))
        .contains("-1 (no limit)");
    Map<String, String> budget = props("http://127.0.0.1:9200");
    budget.put("retry.budget.ms", "soon");
    assertThat(errors(validateOffline(budget)))
        .as("a value that is not a number reaches no validator")
        .containsOnlyKeys("retry.budget.ms");
  }

  @Test
  void anInitialBackoffAboveTheMaximumIsAnErrorOnTheInitialKey() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("retry.backoff.initial.ms", "5000");
    props.put("retry.backoff.max.ms", "1000");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors).containsOnlyKeys("retry.backoff.initial.ms");
    assertThat(errors.get("retry.backoff.initial.ms"))
        .containsExactly(
            "Must not exceed retry.backoff.max.ms (1000 ms): lower it, or raise"
                + " retry.backoff.max.ms");
  }

  @Test
  void aDurationThatIsNotMillisecondsSaysWhatToWrite() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("bulk.linger.ms", "PT1S");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors).containsOnlyKeys("bulk.linger.ms");
    assertThat(errors.get("bulk.linger.ms"))
        .singleElement()
        .asString()
        .contains("durations are milliseconds")
        .contains("bulk.linger.ms=1000");
  }

  @Test
  void namesFilesAndJsonAreCheckedOnTheirKeys() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("mapping.template.name", "Tides Template");
    props.put("mapping.read.alias", "tides,all");
    props.put("mapping.template.patterns", "tides-*,Bad*");
    props.put("mapping.index.settings", "[1]");
    props.put("connection.tls.ca.pem.path", "/nonexistent/ca.pem");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors)
        .containsOnlyKeys(
            "mapping.template.name",
            "mapping.read.alias",
            "mapping.template.patterns",
            "mapping.index.settings",
            "connection.tls.ca.pem.path");
    assertThat(errors.get("connection.tls.ca.pem.path").get(0)).contains("every Connect worker");
  }

  @Test
  void urlsMustBeNodesOfOneCluster() {
    assertThat(errors(validateOffline(props("http://127.0.0.1:9200,https://127.0.0.1:9201"))))
        .containsOnlyKeys("connection.urls");
    assertThat(
            errors(
                connector.validate(
                    props("http://127.0.0.1:9200/,http://127.0.0.2:9200"), c -> Map.of())))
        .isEmpty();
  }

  @Test
  void deletesNeedAFixedIndex() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("behavior.on.null.values", "delete");
    assertThat(errors(validateOffline(props))).containsOnlyKeys("behavior.on.null.values");
    props.put("index.name", "tides");
    props.put("mapping.write.alias.bootstrap", "true");
    Map<String, List<String>> none = errors(connector.validate(props, c -> Map.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void malformedInlineTemplateIsReportedOnTheInlineKey() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("mapping.template.mode", "inline");
    props.put(
        "mapping.template.inline", "{\"mappings\":{\"properties\":{\"time\":{\"type\":\"date\"}}");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors).containsOnlyKeys("mapping.template.inline");
    assertThat(errors.get("mapping.template.inline").get(0)).contains("not valid JSON");
  }

  @Test
  void missingDeadLetterTopicIsReportedOnTheKeysThatAskForIt() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.remove("errors.deadletterqueue.topic.name");
    props.put("geo.invalid.action", "drop");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors)
        .containsKeys("geo.missing.action", "filter.error.action", "errors.unknown.action")
        .doesNotContainKey("geo.invalid.action");
    assertThat(errors.get("geo.missing.action").get(0))
        .contains("errors.deadletterqueue.topic.name is not set");
  }

  @Test
  void templatePatternsComeFromTheTopicsAndNeverMatchEveryIndex() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    props.put("index.name", "${topic}");
    Map<String, List<String>> errors = errors(validateOffline(props));
    assertThat(errors).containsOnlyKeys("mapping.template.patterns");
    assertThat(errors.get("mapping.template.patterns").get(0)).contains("'*'");
    props.put("topics", "noaa.water_level, noaa.wind");
    assertThat(new io.tidestream.elastic.config.ElasticGeoSinkConfig(props).templatePatterns())
        .containsExactly("noaa.water_level*", "noaa.wind*");
    props.put("index.name", "${topic}-${yyyy.MM}");
    assertThat(new io.tidestream.elastic.config.ElasticGeoSinkConfig(props).templatePatterns())
        .containsExactly("noaa.water_level-*", "noaa.wind-*");
  }

  @Test
  void unreachableEngineIsReportedOnTheUrls() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, List<String>> errors =
        errors(connector.validate(props("http://127.0.0.1:" + port)));
    assertThat(errors).containsOnlyKeys("connection.urls");
    assertThat(errors.get("connection.urls").get(0))
        .contains("Cannot reach")
        .contains("check that the engine runs");
  }

  @Test
  void wrongPasswordIsReportedOnThePasswordKeyWithoutEchoingIt() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine.always(
          "GET",
          "/",
          Reply.json(401, "{\"error\":{\"type\":\"security_exception\"},\"status\":401}"));
      Map<String, String> props = props(engine.url());
      props.put("connection.username", "connect");
      props.put("connection.password", "hunter2-very-secret");
      Config config = connector.validate(props);
      Map<String, List<String>> errors = errors(config);
      assertThat(errors).containsOnlyKeys("connection.password");
      assertThat(errors.get("connection.password").get(0))
          .contains("user 'connect'")
          .contains("HTTP 401");
      assertThat(config.configValues().toString()).doesNotContain("hunter2-very-secret");
    }
  }

  private static Map<String, String> signing(String url) {
    Map<String, String> props = props(url);
    props.put("connection.aws.sigv4.enabled", "true");
    props.put("connection.aws.region", "us-east-1");
    props.put("connection.aws.access.key.id", "AKIDEXAMPLE");
    props.put("connection.aws.secret.access.key", "wrong-Secret-Key-0815");
    props.put("connection.aws.session.token", "session-Token-4711");
    return props;
  }

  @Test
  void awsRefusingTheSignatureIsAnErrorOnTheSecretKeyThatNeverRepeatsASecret() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine.always(
          "GET",
          "/",
          Reply.json(
              403,
              "{\"message\":\"The request signature we calculated does not match the signature you"
                  + " provided. Check your AWS Secret Access Key and signing method. The Canonical"
                  + " String for this request should have been 'GET / x-amz-security-token:"
                  + "session-Token-4711'\"}"));
      Config config = connector.validate(signing(engine.url()));
      Map<String, List<String>> errors = errors(config);
      assertThat(errors).containsOnlyKeys("connection.aws.secret.access.key");
      assertThat(errors.get("connection.aws.secret.access.key").get(0))
          .contains("HTTP 403")
          .contains("access key id 'AKIDEXAMPLE'")
          .contains("check connection.aws.secret.access.key");
      assertThat(config.configValues().toString())
          .doesNotContain("wrong-Secret-Key-0815")
          .doesNotContain("session-Token-4711");
      assertThat(engine.received("GET", "/").get(0).header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
    }
  }

  @Test
  void anAccessKeyIdAwsDoesNotKnowIsAnErrorOnTheKeyId() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine.always(
          "GET",
          "/",
          Reply.json(
              403, "{\"message\":\"The security token included in the request is invalid.\"}"));
      Map<String, String> props = signing(engine.url());
      props.remove("connection.aws.session.token");
      Map<String, List<String>> errors = errors(connector.validate(props));
      assertThat(errors).containsOnlyKeys("connection.aws.access.key.id");
      assertThat(errors.get("connection.aws.access.key.id").get(0))
          .contains("AWS does not know access key id 'AKIDEXAMPLE'")
          .doesNotContain("wrong-Secret-Key-0815");
    }
  }

  @Test
  void openSearchServerlessAnswering404ToGetRootPassesValidationOnlyWhenSignedForAoss()
      throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine
          .always("GET", "/", new Reply(404, "", Map.of("server", "aoss-amazon")))
          .always("GET", "/_nodes/_local", new Reply(404, "", Map.of()))
          .always(
              "POST",
              "/_index_template/_simulate/tidestream-geo",
              Reply.json(200, "{\"template\":{}}"));
      Map<String, String> props = signing(engine.url());
      props.remove("connection.aws.session.token");
      props.put("connection.aws.secret.access.key", "the-Right-Secret-0815");
      props.put("connection.aws.service", "aoss");
      assertThat(errors(connector.validate(props))).isEmpty();
      assertThat(engine.received("GET", "/_nodes/_local")).isEmpty();
      assertThat(engine.received("GET", "/").get(0).header("Authorization"))
          .contains("/us-east-1/aoss/aws4_request");

      props.put("connection.aws.service", "es");
      assertThat(errors(connector.validate(props)))
          .containsOnlyKeys("connection.urls")
          .hasEntrySatisfying(
              "connection.urls",
              m -> assertThat(m.get(0)).contains("Cannot tell which engine answers"));
    }
  }

  /** The default chain with nothing to find; instance metadata off, so nothing leaves the host. */
  @Test
  void noCredentialsAnywhereInTheDefaultChainIsAnErrorOnTheKeyId() throws Exception {
    org.assertj.core.api.Assumptions.assumeThat(System.getenv("AWS_ACCESS_KEY_ID")).isNull();
    org.assertj.core.api.Assumptions.assumeThat(System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        .isNull();
    org.assertj.core.api.Assumptions.assumeThat(
            System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
        .isNull();
    org.assertj.core.api.Assumptions.assumeThat(System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE"))
        .isNull();
    Map<String, String> saved = new HashMap<>();
    Map<String, String> isolated =
        Map.of(
            "aws.disableEc2Metadata", "true",
            "aws.sharedCredentialsFile", "/nonexistent/tidestream/credentials",
            "aws.configFile", "/nonexistent/tidestream/config");
    isolated.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
    isolated.forEach(System::setProperty);
    try (FakeEngine engine = new FakeEngine()) {
      Map<String, String> props = props(engine.url());
      props.put("connection.aws.sigv4.enabled", "true");
      props.put("connection.aws.region", "us-east-1");
      Map<String, List<String>> errors = errors(connector.validate(props));
      assertThat(errors).containsOnlyKeys("connection.aws.access.key.id");
      assertThat(errors.get("connection.aws.access.key.id").get(0))
          .startsWith("No AWS credentials to sign the request with")
          .contains("set connection.aws.access.key.id and connection.aws.secret.access.key");
      assertThat(engine.received()).as("nothing unsigned reaches the engine").isEmpty();
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  @Test
  void aPlain403WithSigningNamesTheIamPermission() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine
          .always("GET", "/", Reply.json(403, "{\"error\":\"forbidden\"}"))
          .always("GET", "/_nodes/_local", Reply.json(403, "{\"error\":\"forbidden\"}"));
      Map<String, List<String>> errors = errors(connector.validate(signing(engine.url())));
      assertThat(errors).containsOnlyKeys("connection.aws.access.key.id");
      assertThat(errors.get("connection.aws.access.key.id").get(0)).contains("es:ESHttpGet");
    }
  }

  @Test
  void aMappingTheEngineRejectsIsReportedOnTheTemplateKey() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine
          .asOpenSearch("2.19.4")
          .always(
              "POST",
              "/_index_template/_simulate/tidestream-geo",
              Reply.json(
                  400,
                  "{\"error\":{\"root_cause\":[],\"type\":\"illegal_argument_exception\",\"reason\":\"composable"
                      + " template [x] template after composition is"
                      + " invalid\",\"caused_by\":{\"type\":\"illegal_argument_exception\",\"reason\":\"invalid"
                      + " composite"
                      + " mappings\",\"caused_by\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"No"
                      + " handler for type [geopoint] declared on field"
                      + " [location]\"}}},\"status\":400}"));
      Map<String, String> props = props(engine.url());
      props.put("mapping.template.mode", "inline");
      props.put(
          "mapping.template.inline",
          "{\"mappings\":{\"properties\":{\"location\":{\"type\":\"geopoint\"}}}}");
      Map<String, List<String>> errors = errors(connector.validate(props));
      assertThat(errors).containsOnlyKeys("mapping.template.inline");
      assertThat(errors.get("mapping.template.inline").get(0))
          .isEqualTo(
              "The engine rejects this template: mapper_parsing_exception: No handler for type"
                  + " [geopoint] declared on field [location]");
      assertThat(engine.received("PUT", "/_index_template/tidestream-geo"))
          .as("validation installs nothing")
          .isEmpty();
    }
  }

  @Test
  void reachableEnginePassesValidation() throws Exception {
    try (FakeEngine engine = new FakeEngine()) {
      engine
          .asOpenSearch("2.19.4")
          .always(
              "POST",
              "/_index_template/_simulate/tidestream-geo",
              Reply.json(200, "{\"template\":{}}"));
      assertThat(errors(connector.validate(props(engine.url())))).isEmpty();
      assertThat(engine.received("POST", "/_index_template/_simulate/tidestream-geo")).hasSize(1);
    }
  }

  @Test
  void reportsThePluginVersionAndItsConfigDef() {
    assertThat(connector.version()).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(connector.config().names())
        .contains("connection.urls", "geo.lat.field", "retry.budget.ms");
    assertThat(connector.taskClass()).isEqualTo(ElasticGeoSinkTask.class);
    assertThat(new ElasticGeoSinkTask().version()).isEqualTo(connector.version());
  }

  @Test
  void startRefusesDeadLetteringWithoutATopicAndTasksShareTheConfig() {
    Map<String, String> props = props("http://127.0.0.1:9200");
    connector.start(props);
    assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(c -> assertThat(c).isEqualTo(props));
    props.put("errors.tolerance", "none");
    try {
      connector.start(props);
      fail("expected a ConnectException");
    } catch (ConnectException e) {
      assertThat(e.getMessage())
          .contains("errors.tolerance is not 'all'")
          .contains("Set errors.tolerance=all");
    }
  }
}
