package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.config.ConfigDocs;
import io.tidestream.common.testing.ConfigDocsDrift;
import org.junit.jupiter.api.Test;

/** The committed config reference must equal what the code generates. */
class ConfigDocsTest {

  static final String REGENERATE =
      "./mvnw -q -B -pl elastic-geo-sink -am test -Dtest=ConfigDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Delastic.docs.write=true";

  static String render() {
    return ConfigDocs.render(
        "Elasticsearch/OpenSearch geo sink connector configuration",
        ElasticGeoSinkConfig.class,
        REGENERATE,
        "Connector class: ``io.tidestream.elastic.ElasticGeoSinkConnector``. Durations are ``*.ms``"
            + " keys in milliseconds, as in Kafka. Dead-lettering (the default for every kind of"
            + " bad record) needs the worker's ``errors.tolerance=all`` and"
            + " ``errors.deadletterqueue.topic.name``; without them the connector refuses to start"
            + " and says which keys ask for it.",
        ElasticGeoSinkConfig.configDef());
  }

  @Test
  void committedConfigReferenceMatchesConfigDef() {
    ConfigDocsDrift.assertCommitted(
        ConfigDocsDrift.docFile("elastic-geo-sink-config.rst"),
        render(),
        "elastic.docs.write",
        REGENERATE);
  }

  @Test
  void everyKeyIsDocumentedGroupedAndValidated() {
    ConfigDocsDrift.assertEveryKeyDocumented(ElasticGeoSinkConfig.configDef());
  }

  @Test
  void defaultsSuitTheNoaaSourceRecords() {
    ElasticGeoSinkConfig config =
        new ElasticGeoSinkConfig(java.util.Map.of("connection.urls", "http://127.0.0.1:9200"));
    assertThat(config.idFields())
        .extracting(Object::toString)
        .containsExactly("station_id", "product", "time");
    assertThat(config.geoLat().toString()).isEqualTo("lat");
    assertThat(config.geoTarget()).isEqualTo("location");
    assertThat(config.errorPredicates())
        .extracting(p -> p.describe())
        .containsExactly("exists:error");
    assertThat(config.retryBudgetMillis()).isEqualTo(600_000L);
    assertThat(config.documentMaxBytes())
        .as("the worker's dead-letter producer and Kafka's topics default to ~1 MiB too")
        .isEqualTo(1_048_576L);
    assertThat(config.password()).isNull();
  }
}
