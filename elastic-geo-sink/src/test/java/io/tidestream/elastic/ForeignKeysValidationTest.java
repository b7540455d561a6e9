package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.testing.ConfigDocsDrift;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.ForeignKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * A configuration written for Confluent's or Aiven's sink is refused key by key: one error on each
 * key this sink does not read, naming the key and value to write instead (or why there is none).
 */
class ForeignKeysValidationTest {

  /** Confluent's documented quick start plus the keys of a typical production configuration. */
  static Map<String, String> confluentConfig() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", "elasticsearch-sink");
    p.put("connector.class", "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector");
    p.put("tasks.max", "1");
    p.put("topics", "test-elasticsearch-sink");
    p.put("key.ignore", "true");
    p.put("connection.url", "https://es1:9200,https://es2:9200");
    p.put("type.name", "kafka-connect");
    p.put("schema.ignore", "true");
    p.put("connection.username", "elastic");
    p.put("connection.password", "conf-s3cret");
    p.put("batch.size", "500");
    p.put("bulk.size.bytes", "-1");
    p.put("max.in.flight.requests", "5");
    p.put("max.buffered.records", "20000");
    p.put("linger.ms", "1");
    p.put("flush.timeout.ms", "180000");
    p.put("max.retries", "5");
    p.put("retry.backoff.ms", "100");
    p.put("connection.timeout.ms", "1000");
    p.put("read.timeout.ms", "3000");
    p.put("behavior.on.null.values", "IGNORE");
    p.put("behavior.on.malformed.documents", "warn");
    p.put("drop.invalid.message", "true");
    p.put("write.method", "UPSERT");
    p.put("elastic.security.protocol", "SSL");
    p.put("elastic.https.ssl.truststore.location", "/etc/kafka/es.truststore.jks");
    p.put("elastic.https.ssl.truststore.password", "trust-s3cret");
    p.put("elastic.https.ssl.truststore.type", "JKS");
    p.put("elastic.https.ssl.keystore.location", "/etc/kafka/es.keystore.p12");
    p.put("elastic.https.ssl.keystore.password", "store-s3cret");
    p.put("elastic.https.ssl.key.password", "key-s3cret");
    p.put("elastic.https.ssl.endpoint.identification.algorithm", "");
    p.put("elastic.https.ssl.protocol", "TLSv1.3");
    p.put("proxy.host", "proxy.corp");
    p.put("proxy.port", "3128");
    p.put("proxy.username", "squid");
    p.put("proxy.password", "proxy-s3cret");
    p.put("kerberos.user.principal", "connect@CORP");
    p.put("kerberos.keytab.path", "/etc/kafka/connect.keytab");
    p.put("topic.index.map", "orders:orders-index");
    p.put("data.stream.type", "logs");
    p.put("data.stream.dataset", "orders");
    p.put("external.version.header", "version");
    p.put("value.converter", "io.confluent.connect.avro.AvroConverter");
    p.put("value.converter.schema.registry.url", "http://schema-registry:8081");
    p.put("transforms", "unwrap");
    p.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
    p.put("errors.tolerance", "all");
    p.put("errors.deadletterqueue.topic.name", "es-dlq");
    p.put("consumer.override.max.poll.records", "500");
    return p;
  }

  /** Aiven's quick start (config/quickstart-opensearch.properties) plus typical production keys. */
  static Map<String, String> aivenConfig() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", "opensearch-sink");
    p.put("connector.class", "io.aiven.kafka.connect.opensearch.OpensearchSinkConnector");
    p.put("tasks.max", "1");
    p.put("topics", "test-opensearch-sink");
    p.put("key.ignore", "true");
    p.put("key.ignore.id.strategy", "none");
    p.put("connection.url", "https://search-tides.eu-west-1.es.amazonaws.com:443");
    p.put("type.name", "kafka-connect");
    p.put("connection.username", "admin");
    p.put("connection.password", "aiven-s3cret");
    p.put("batch.size", "200000");
    p.put("linger.ms", "10");
    p.put("max.retries", "10");
    p.put("index.write.method", "upsert");
    p.put("behavior.on.version.conflict", "ignore");
    p.put("behavior.on.malformed.documents", "report");
    p.put("connection.ssl.truststore.location", "/etc/kafka/os.truststore.jks");
    p.put("connection.ssl.truststore.password", "trust-s3cret");
    p.put("connection.trust.all.certificates", "true");
    p.put("data.stream.enabled", "true");
    p.put("data.stream.prefix", "tides");
    p.put("data.stream.timestamp.field", "time");
    p.put("routing.type", "value");
    p.put("routing.type.record.value.path", "/metadata/station");
    p.put("aws.access_key_id", "AKIAEXAMPLE");
    p.put("aws.secret_access_key", "aws-s3cret");
    p.put("aws.region", "eu-west-1");
    p.put("aws.service.signing.name", "es");
    p.put("aws.sts.role.arn", "arn:aws:iam::123456789012:role/connect");
    p.put("errors.tolerance", "all");
    p.put("errors.deadletterqueue.topic.name", "os-dlq");
    return p;
  }

  /** What each foreign key's message must contain: our key and value, or why there is none. */
  static final Map<String, List<String>> CONFLUENT_FIXES =
      Map.ofEntries(
          Map.entry("key.ignore", List.of("document.id.strategy=kafka-coordinates")),
          Map.entry("connection.url", List.of("connection.urls=https://es1:9200,https://es2:9200")),
          Map.entry("type.name", List.of("no equivalent", "mapping types")),
          Map.entry("schema.ignore", List.of("no equivalent", "mapping.template.mode")),
          Map.entry("batch.size", List.of("bulk.max.actions=500")),
          Map.entry("bulk.size.bytes", List.of("bulk.max.bytes=104857600")),
          Map.entry("max.in.flight.requests", List.of("bulk.max.in.flight.requests=5")),
          Map.entry("max.buffered.records", List.of("buffer.max.records=20000")),
          Map.entry("linger.ms", List.of("bulk.linger.ms=1")),
          Map.entry("flush.timeout.ms", List.of("no equivalent", "retry.budget.ms")),
          Map.entry("max.retries", List.of("retry.budget.ms=")),
          Map.entry("retry.backoff.ms", List.of("retry.backoff.initial.ms=100")),
          Map.entry("read.timeout.ms", List.of("connection.read.timeout.ms=3000")),
          Map.entry(
              "behavior.on.malformed.documents",
              List.of("errors.type.actions=mapper_parsing_exception:ignore")),
          Map.entry("drop.invalid.message", List.of("filter.non.json.action=drop")),
          Map.entry("write.method", List.of("write.method=index|upsert|create")),
          Map.entry("elastic.security.protocol", List.of("https:// URLs in connection.urls")),
          Map.entry(
              "elastic.https.ssl.truststore.location",
              List.of("connection.tls.truststore.path=/etc/kafka/es.truststore.jks")),
          Map.entry(
              "elastic.https.ssl.truststore.password",
              List.of("Rename the key to connection.tls.truststore.password.")),
          Map.entry(
              "elastic.https.ssl.truststore.type", List.of("connection.tls.truststore.type=JKS")),
          Map.entry(
              "elastic.https.ssl.keystore.location",
              List.of("connection.tls.keystore.path=/etc/kafka/es.keystore.p12")),
          Map.entry(
              "elastic.https.ssl.keystore.password",
              List.of("Rename the key to connection.tls.keystore.password.")),
          Map.entry(
              "elastic.https.ssl.key.password",
              List.of("Rename the key to connection.tls.key.password.")),
          Map.entry(
              "elastic.https.ssl.endpoint.identification.algorithm",
              List.of("connection.tls.hostname.verification=false")),
          Map.entry("elastic.https.ssl.protocol", List.of("no equivalent", "JVM's defaults")),
          Map.entry("proxy.host", List.of("connection.proxy.url=http://proxy.corp:3128")),
          Map.entry("proxy.port", List.of("connection.proxy.url=http://proxy.corp:3128")),
          Map.entry("proxy.username", List.of("connection.proxy.username=squid")),
          Map.entry("proxy.password", List.of("Rename the key to connection.proxy.password.")),
          Map.entry("kerberos.user.principal", List.of("no equivalent", "Kerberos")),
          Map.entry("kerberos.keytab.path", List.of("no equivalent", "Kerberos")),
          Map.entry("topic.index.map", List.of("topic.index.map=topic:index")),
          Map.entry("data.stream.type", List.of("data.stream.enabled=true", "index.name")),
          Map.entry("data.stream.dataset", List.of("data.stream.enabled=true", "index.name")),
          Map.entry("external.version.header", List.of("no equivalent")));

  static final Map<String, List<String>> AIVEN_FIXES =
      Map.ofEntries(
          Map.entry("key.ignore", List.of("document.id.strategy=engine")),
          Map.entry("key.ignore.id.strategy", List.of("document.id.strategy=engine")),
          Map.entry(
              "connection.url",
              List.of("connection.urls=https://search-tides.eu-west-1.es.amazonaws.com:443")),
          Map.entry("type.name", List.of("no equivalent")),
          Map.entry("batch.size", List.of("bulk.max.actions=100000 (the most this sink allows)")),
          Map.entry("linger.ms", List.of("bulk.linger.ms=10")),
          Map.entry("max.retries", List.of("retry.budget.ms=")),
          Map.entry("index.write.method", List.of("write.method=upsert")),
          Map.entry(
              "behavior.on.version.conflict",
              List.of("errors.type.actions=version_conflict_engine_exception:ignore")),
          Map.entry("behavior.on.malformed.documents", List.of("dead-letter", "default")),
          Map.entry(
              "connection.ssl.truststore.location",
              List.of("connection.tls.truststore.path=/etc/kafka/os.truststore.jks")),
          Map.entry(
              "connection.ssl.truststore.password",
              List.of("Rename the key to connection.tls.truststore.password.")),
          Map.entry(
              "connection.trust.all.certificates",
              List.of("no equivalent", "connection.tls.ca.pem.path")),
          Map.entry("data.stream.enabled", List.of("data.stream.enabled=true|false")),
          Map.entry("data.stream.prefix", List.of("data.stream.enabled=true", "index.name")),
          Map.entry(
              "data.stream.timestamp.field", List.of("data.stream.timestamp.field=<a dotted")),
          Map.entry("routing.type", List.of("document.routing.field=metadata.station")),
          Map.entry(
              "routing.type.record.value.path", List.of("document.routing.field=metadata.station")),
          Map.entry(
              "aws.access_key_id",
              List.of(
                  "Rename the key to connection.aws.access.key.id.",
                  "connection.aws.sigv4.enabled=true")),
          Map.entry(
              "aws.secret_access_key",
              List.of("Rename the key to connection.aws.secret.access.key.")),
          Map.entry("aws.region", List.of("connection.aws.region=eu-west-1")),
          Map.entry("aws.service.signing.name", List.of("connection.aws.service=es")),
          Map.entry(
              "aws.sts.role.arn",
              List.of("no equivalent", "default credential chain", "instance profile")));

  private static Map<String, List<String>> errors(Config config) {
    return config.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static Map<String, List<String>> validate(Map<String, String> props) {
    return errors(new ElasticGeoSinkConnector().validate(props, c -> Map.of()));
  }

  /** Keys of the config that this build does not define and the framework does not own. */
  private static Set<String> foreignIn(Map<String, String> props) {
    Set<String> ours = ElasticGeoSinkConfig.CONFIG_DEF.names();
    return props.keySet().stream()
        .filter(k -> !ours.contains(k) && !ForeignKeys.frameworkOwned(k))
        .collect(Collectors.toSet());
  }

  private static void assertOneActionableErrorPerForeignKey(
      Map<String, String> props, Map<String, List<String>> fixes) {
    Map<String, List<String>> errors = validate(props);
    Set<String> foreign = foreignIn(props);
    assertThat(foreign).as("the example exercises the table").hasSizeGreaterThan(15);
    assertThat(errors)
        .as("every foreign key has an error")
        .containsKeys(foreign.toArray(String[]::new));
    // Our own keys may have errors of their own (values in the other sink's form); never this one.
    errors.forEach(
        (key, messages) -> {
          if (!foreign.contains(key)) {
            assertThat(messages).as(key).noneMatch(m -> m.contains(" is a key of "));
          }
        });
    for (String key : foreign) {
      assertThat(errors.get(key)).as(key).hasSize(1);
      String message = errors.get(key).get(0);
      assertThat(message).as(key).startsWith(key + " is a key of ");
      assertThat(message)
          .as(key)
          .containsAnyOf("Rename the key", "Replace the key", "Remove the key", "remove the key");
      // Shared names (write.method, ...) stop being foreign once the sink defines them.
      assertThat(fixes).as("expected fix for " + key).containsKey(key);
      for (String part : fixes.get(key)) {
        assertThat(message).as(key).contains(part);
      }
    }
    String all = errors.values().toString();
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (e.getValue().contains("s3cret")) {
        assertThat(all).as("secret of " + e.getKey()).doesNotContain(e.getValue());
      }
    }
  }

  @Test
  void aConfluentConfigGetsOneErrorOnEachKeyThisSinkDoesNotRead() {
    assertOneActionableErrorPerForeignKey(confluentConfig(), CONFLUENT_FIXES);
  }

  @Test
  void anAivenConfigGetsOneErrorOnEachKeyThisSinkDoesNotRead() {
    assertOneActionableErrorPerForeignKey(aivenConfig(), AIVEN_FIXES);
  }

  @Test
  void sharedKeysThatAreOursAreNeverForeign() {
    Map<String, List<String>> errors = validate(confluentConfig());
    for (String shared :
        List.of(
            "connection.username",
            "connection.password",
            "connection.timeout.ms",
            "behavior.on.null.values")) {
      assertThat(errors).as(shared).doesNotContainKey(shared);
    }
  }

  @Test
  void ourExampleConfigValidatesClean() throws Exception {
    Path file =
        ConfigDocsDrift.docFile("elastic-geo-sink-config.rst")
            .getParent()
            .resolveSibling("config/elastic-sink.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = new ObjectMapper().readValue(Files.readString(file), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, String> config = (Map<String, String>) json.get("config");
    assertThat(ForeignKeys.problems(config, ElasticGeoSinkConfig.CONFIG_DEF.names())).isEmpty();
    assertThat(validate(config)).isEmpty();
  }

  /**
   * The migration guide's worked "After:" configurations are what users paste: they must carry no
   * foreign key and no value this sink refuses. The files they name (trust stores) are not on this
   * machine, so "no readable file" on a path key is the one error allowed.
   */
  @Test
  void theMigrationGuidesAfterConfigsValidateClean() throws Exception {
    String guide = Files.readString(ConfigDocsDrift.docFile("migration.md"));
    List<String> afters =
        List.of(guide.split("\nAfter:\n", -1)).stream()
            .skip(1)
            .map(rest -> rest.substring(rest.indexOf("```properties\n") + 14))
            .map(rest -> rest.substring(0, rest.indexOf("```")))
            .toList();
    assertThat(afters).as("worked examples in docs/migration.md").hasSize(2);
    for (String after : afters) {
      java.util.Properties parsed = new java.util.Properties();
      parsed.load(new java.io.StringReader(after));
      Map<String, String> props = new LinkedHashMap<>();
      parsed.forEach((k, v) -> props.put((String) k, (String) v));
      assertThat(ForeignKeys.problems(props, ElasticGeoSinkConfig.CONFIG_DEF.names()))
          .as(after)
          .isEmpty();
      Map<String, List<String>> errors = new LinkedHashMap<>(validate(props));
      errors
          .entrySet()
          .removeIf(
              e ->
                  e.getKey().endsWith(".path")
                      && e.getValue().stream().allMatch(m -> m.contains("no readable file")));
      assertThat(errors).as(after).isEmpty();
    }
  }

  @Test
  void startRefusesForeignKeysWithTheSameMessages() {
    Map<String, String> props = new LinkedHashMap<>(ElasticGeoSinkTaskTest.props());
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("batch.size", "500");
    props.put("key.ignore", "false");
    assertThatThrownBy(() -> new ElasticGeoSinkConnector().start(props))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("batch.size is a key of")
        .hasMessageContaining("bulk.max.actions=500")
        .hasMessageContaining("document.id.strategy=record-key")
        .hasMessageContaining("docs/migration.md");
  }
}
