package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The sink's cross-field rules, on a parsed config, without a connector or a network. */
class ConfigChecksTest {

  private static Map<String, ConfigValue> check(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "http://127.0.0.1:9200");
    props.put("topics", "noaa.water_level");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.putAll(extra);
    Map<String, ConfigValue> values = new HashMap<>();
    ConfigChecks.crossField(new ElasticGeoSinkConfig(props), values);
    values.values().removeIf(v -> v.errorMessages().isEmpty());
    return values;
  }

  @Test
  void aValidConfigurationPasses() {
    assertThat(check(Map.of())).isEmpty();
  }

  @Test
  void eachRuleNamesItsOwnKey() {
    assertThat(
            check(
                Map.of(
                    ElasticGeoSinkConfig.BACKOFF_INITIAL,
                    "2000",
                    ElasticGeoSinkConfig.BACKOFF_MAX,
                    "1000")))
        .containsOnlyKeys(ElasticGeoSinkConfig.BACKOFF_INITIAL);
    assertThat(check(Map.of(ElasticGeoSinkConfig.URLS, "http://a:9200,https://b:9200")))
        .containsOnlyKeys(ElasticGeoSinkConfig.URLS);
    assertThat(check(Map.of(ElasticGeoSinkConfig.USERNAME, "u")))
        .containsOnlyKeys(ElasticGeoSinkConfig.PASSWORD);
    assertThat(check(Map.of(ElasticGeoSinkConfig.GEO_TARGET, "a.b")))
        .containsOnlyKeys(ElasticGeoSinkConfig.GEO_TARGET);
  }

  @Test
  void upsertAndCreateNeedIdsFromTheRecordAndTheErrorNamesTheFix() {
    for (String method : new String[] {"upsert", "create", "UPSERT"}) {
      Map<String, ConfigValue> errors =
          check(
              Map.of(
                  WriteConfigs.WRITE_METHOD, method, ElasticGeoSinkConfig.ID_STRATEGY, "engine"));
      assertThat(errors).as(method).containsOnlyKeys(WriteConfigs.WRITE_METHOD);
      assertThat(errors.get(WriteConfigs.WRITE_METHOD).errorMessages())
          .singleElement()
          .asString()
          .contains(
              "write.method=" + method.toLowerCase(java.util.Locale.ROOT) + " needs a document id")
          .contains("document.id.strategy=engine")
          .contains("record-fields (with document.id.fields), record-key or kafka-coordinates");
    }
    for (String strategy : new String[] {"record-fields", "record-key", "kafka-coordinates"}) {
      assertThat(
              check(
                  Map.of(
                      WriteConfigs.WRITE_METHOD,
                      "upsert",
                      ElasticGeoSinkConfig.ID_STRATEGY,
                      strategy)))
          .as(strategy)
          .isEmpty();
    }
    assertThat(check(Map.of(ElasticGeoSinkConfig.ID_STRATEGY, "engine"))).as("index").isEmpty();
  }

  @Test
  void aDataStreamRefusesWhatAnAppendOnlyStreamCannotDoEachOnItsOwnKey() {
    assertThat(check(Map.of(WriteConfigs.DATA_STREAM_ENABLED, "true"))).isEmpty();
    assertThat(
            check(
                Map.of(
                    WriteConfigs.DATA_STREAM_ENABLED, "true", WriteConfigs.WRITE_METHOD, "create")))
        .isEmpty();
    Map<String, ConfigValue> errors =
        check(
            Map.of(
                WriteConfigs.DATA_STREAM_ENABLED, "true",
                WriteConfigs.WRITE_METHOD, "upsert",
                ElasticGeoSinkConfig.NULL_VALUES, "delete",
                ElasticGeoSinkConfig.INDEX_NAME, "tides-${yyyy.MM}",
                ElasticGeoSinkConfig.WRITE_ALIAS_BOOTSTRAP, "true",
                ElasticGeoSinkConfig.READ_ALIAS, "tides-read"));
    assertThat(errors)
        .containsOnlyKeys(
            WriteConfigs.WRITE_METHOD,
            ElasticGeoSinkConfig.NULL_VALUES,
            ElasticGeoSinkConfig.INDEX_NAME,
            ElasticGeoSinkConfig.WRITE_ALIAS_BOOTSTRAP,
            ElasticGeoSinkConfig.READ_ALIAS);
    assertThat(
            check(
                Map.of(
                    WriteConfigs.DATA_STREAM_ENABLED,
                    "true",
                    ElasticGeoSinkConfig.INDEX_NAME,
                    "",
                    ElasticGeoSinkConfig.TOPIC_INDEX_MAP,
                    "noaa.water_level:tides-${yyyy.MM}")))
        .containsOnlyKeys(ElasticGeoSinkConfig.TOPIC_INDEX_MAP);
    assertThat(errors.get(WriteConfigs.WRITE_METHOD).errorMessages())
        .singleElement()
        .asString()
        .contains("append-only")
        .contains("write.method=create");
    assertThat(errors.get(ElasticGeoSinkConfig.NULL_VALUES).errorMessages())
        .anySatisfy(m -> assertThat(m).contains("behavior.on.null.values=ignore or fail"));
  }

  @Test
  void deadLetteringWithoutATopicIsReportedOnEveryKeyThatAsksForIt() {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "http://127.0.0.1:9200");
    Map<String, ConfigValue> values = new HashMap<>();
    ConfigChecks.crossField(new ElasticGeoSinkConfig(props), values);
    assertThat(values.get(ElasticGeoSinkConfig.GEO_INVALID_ACTION).errorMessages())
        .singleElement()
        .asString()
        .contains("errors.deadletterqueue.topic.name is not set");
  }
}
