package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** topic.index.map, document.routing.field and ingest.pipeline: field and cross-field rules. */
class TargetConfigsTest {

  private static Map<String, String> props(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "http://127.0.0.1:9200");
    props.put("topics", "noaa.water_level,noaa.wind");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.putAll(extra);
    return props;
  }

  private static Map<String, List<String>> check(Map<String, String> extra) {
    Map<String, ConfigValue> values = new HashMap<>();
    ConfigChecks.crossField(new ElasticGeoSinkConfig(props(extra)), values);
    Map<String, List<String>> errors = new HashMap<>();
    values.forEach(
        (k, v) -> {
          if (!v.errorMessages().isEmpty()) {
            errors.put(k, v.errorMessages());
          }
        });
    return errors;
  }

  private static List<String> patterns(Map<String, String> extra) {
    return new ElasticGeoSinkConfig(props(extra)).templatePatterns();
  }

  @Test
  void malformedOrDuplicateEntriesAreErrorsOnTheKey() {
    assertThatThrownBy(
            () ->
                new ElasticGeoSinkConfig(
                    props(Map.of("topic.index.map", "noaa.wind:wind,noaa.wind:gusts"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic.index.map")
        .hasMessageContaining("topic 'noaa.wind' is mapped twice");
    assertThatThrownBy(
            () -> new ElasticGeoSinkConfig(props(Map.of("topic.index.map", "noaa.wind=wind"))))
        .hasMessageContaining("write topic:target");
  }

  @Test
  void withAnEmptyIndexNameEveryListedTopicNeedsATarget() {
    assertThat(check(Map.of("index.name", "", "topic.index.map", "noaa.water_level:tides")))
        .containsOnlyKeys("topic.index.map")
        .extractingByKey("topic.index.map")
        .asList()
        .containsExactly(
            "topic 'noaa.wind' of 'topics' has no target: index.name is empty and topic.index.map"
                + " does not map it; add 'noaa.wind:<index>' to topic.index.map or set index.name");
    assertThat(
            check(
                Map.of(
                    "index.name", "", "topic.index.map", "noaa.water_level:tides,noaa.wind:wind")))
        .isEmpty();
    assertThat(check(Map.of("topic.index.map", "noaa.water_level:tides"))).isEmpty();
  }

  @Test
  void anEmptyIndexNameWithTopicsRegexIsRefused() {
    Map<String, String> extra = new HashMap<>();
    extra.put("index.name", "");
    extra.put("topic.index.map", "noaa.water_level:tides");
    extra.put("topics", "");
    extra.put("topics.regex", "noaa\\..*");
    assertThat(check(extra))
        .containsOnlyKeys("topic.index.map")
        .extractingByKey("topic.index.map")
        .asList()
        .singleElement()
        .asString()
        .contains("topics.regex may match others; set index.name");
  }

  @Test
  void deletesNeedFixedTargetsInTheMapToo() {
    assertThat(
            check(
                Map.of(
                    "index.name", "tides",
                    "behavior.on.null.values", "delete",
                    "topic.index.map", "noaa.wind:wind-${yyyy.MM}")))
        .containsOnlyKeys("topic.index.map");
    assertThat(
            check(
                Map.of(
                    "index.name", "tides",
                    "behavior.on.null.values", "delete",
                    "topic.index.map", "noaa.wind:wind")))
        .isEmpty();
  }

  @Test
  void derivedTemplatePatternsCoverTheMappedTargets() {
    assertThat(
            patterns(
                Map.of(
                    "index.name", "tides-${yyyy.MM}", "topic.index.map", "noaa.wind:wind-alias")))
        .containsExactly("wind-alias*", "tides-*");
    // every listed topic is mapped: index.name's pattern is not needed
    assertThat(
            patterns(
                Map.of(
                    "index.name",
                    "${topic}",
                    "topic.index.map",
                    "noaa.water_level:tides-${yyyy.MM},noaa.wind:wind")))
        .containsExactly("tides-*", "wind*");
    assertThat(patterns(Map.of("index.name", "${topic}", "topic.index.map", "noaa.wind:wind")))
        .containsExactly("wind*", "noaa.water_level*");
    assertThat(
            patterns(
                Map.of(
                    "index.name", "", "topic.index.map", "noaa.water_level:tides,noaa.wind:wind")))
        .containsExactly("tides*", "wind*");
    // explicit patterns still win
    assertThat(
            patterns(
                Map.of("topic.index.map", "noaa.wind:wind", "mapping.template.patterns", "x-*")))
        .containsExactly("x-*");
  }

  @Test
  void aMapTargetThatGivesTheStarPatternIsNamedAsTheCause() {
    assertThat(check(Map.of("index.name", "tides", "topic.index.map", "noaa.wind:${yyyy.MM}")))
        .containsOnlyKeys("mapping.template.patterns")
        .extractingByKey("mapping.template.patterns")
        .asList()
        .singleElement()
        .asString()
        .startsWith("a target of topic.index.map gives the template pattern '*'");
  }

  @Test
  void routingFieldAndPipelineAreCheckedAndOptional() {
    ElasticGeoSinkConfig none = new ElasticGeoSinkConfig(props(Map.of()));
    assertThat(none.routingField()).isNull();
    assertThat(none.ingestPipeline()).isNull();
    ElasticGeoSinkConfig set =
        new ElasticGeoSinkConfig(
            props(
                Map.of(
                    "document.routing.field", "meta.station", "ingest.pipeline", "tides-enrich")));
    assertThat(set.routingField().toString()).isEqualTo("meta.station");
    assertThat(set.ingestPipeline()).isEqualTo("tides-enrich");
    assertThatThrownBy(
            () -> new ElasticGeoSinkConfig(props(Map.of("document.routing.field", "a..b"))))
        .hasMessageContaining("document.routing.field");
    assertThatThrownBy(
            () -> new ElasticGeoSinkConfig(props(Map.of("ingest.pipeline", "my pipeline/x"))))
        .hasMessageContaining("ingest.pipeline")
        .hasMessageContaining("a pipeline id must start with a letter or digit");
  }
}
