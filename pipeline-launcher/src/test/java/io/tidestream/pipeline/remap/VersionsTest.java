package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionsTest {

  static Map<String, String> sink(String index, String alias) {
    Map<String, String> c = new HashMap<>();
    c.put("name", "elastic-sink");
    c.put("connector.class", Versions.SINK_CLASS);
    c.put("index.name", index);
    if (alias != null) {
      c.put("mapping.read.alias", alias);
    }
    c.put("connection.password", "s3cret");
    c.put("consumer.override.auto.offset.reset", "latest");
    return c;
  }

  @Test
  void anUnversionedNameIsVersionOneAndTheNextGetsASuffix() {
    assertThat(Versions.parse("tides")).isEqualTo(new Versions.Named("tides", 1));
    assertThat(Versions.parse("tides-v7")).isEqualTo(new Versions.Named("tides", 7));
    assertThat(Versions.parse("tides-v0")).isEqualTo(new Versions.Named("tides-v0", 1));
    assertThat(Versions.parse("elastic-sink").at(2)).isEqualTo("elastic-sink-v2");
    assertThat(Versions.parse("elastic-sink-v2").at(3)).isEqualTo("elastic-sink-v3");
  }

  @Test
  void theNewConnectorWritesTheNextVersionWithItsOwnTemplateAboveTheOldAndNoReadAlias() {
    Map<String, String> old = sink("tides", "tides-read");
    Versions.Layout from = Versions.layout("elastic-sink", old).layout().orElseThrow();
    Map<String, String> next = Versions.nextConfig(from, old, 2, "{\"mappings\":{}}");

    assertThat(next)
        .containsEntry("index.name", "tides-v2")
        .containsEntry("mapping.template.mode", "inline")
        .containsEntry("mapping.template.inline", "{\"mappings\":{}}")
        .containsEntry("mapping.template.name", "tidestream-geo-v2")
        .containsEntry("mapping.template.patterns", "tides-v2")
        .containsEntry("mapping.template.priority", "201")
        .containsEntry("connection.password", "s3cret")
        .doesNotContainKeys("mapping.read.alias", "name", "consumer.override.auto.offset.reset");
    assertThat(from.stateId()).isEqualTo("elastic-sink");
  }

  @Test
  void aSecondRemapCountsFromTheCurrentVersion() {
    Map<String, String> v2 = sink("tides-v2", "tides-read");
    v2.put("mapping.template.name", "tidestream-geo-v2");
    v2.put("mapping.template.priority", "201");
    Versions.Layout from = Versions.layout("elastic-sink-v2", v2).layout().orElseThrow();
    Map<String, String> next = Versions.nextConfig(from, v2, 3, "{}");
    assertThat(next)
        .containsEntry("index.name", "tides-v3")
        .containsEntry("mapping.template.name", "tidestream-geo-v3")
        .containsEntry("mapping.template.priority", "202");
    assertThat(from.connectorName().at(3)).isEqualTo("elastic-sink-v3");
    assertThat(from.stateId()).isEqualTo("elastic-sink");
  }

  /**
   * The pipeline's own layout: one index per topic behind one read alias; every topic's index moves
   * to the next version, and the new template covers exactly the new indices.
   */
  @Test
  void aTopicPlaceholderGivesOneIndexPerTopicAndEachMovesToTheNextVersion() {
    Map<String, String> old = sink("tides-${topic}", "tides");
    old.put("topics", "noaa.water_level, noaa.Wind");
    Versions.Layout from = Versions.layout("elastic-sink", old).layout().orElseThrow();
    assertThat(from.indices()).containsExactly("tides-noaa.water_level", "tides-noaa.wind");
    assertThat(from.indicesAt(2))
        .containsExactly("tides-noaa.water_level-v2", "tides-noaa.wind-v2");

    Map<String, String> next = Versions.nextConfig(from, old, 2, "{}");
    assertThat(next)
        .containsEntry("index.name", "tides-${topic}-v2")
        .containsEntry("mapping.template.patterns", "tides-noaa.water_level-v2,tides-noaa.wind-v2");
    RemapState.Side side = RemapState.Side.of("elastic-sink-v2", "tides-${topic}-v2", 2, next);
    assertThat(side.indices()).containsExactly("tides-noaa.water_level-v2", "tides-noaa.wind-v2");
    RemapState switching =
        new RemapState(
            "elastic-sink",
            "tides",
            RemapState.Side.of("elastic-sink", "tides-${topic}", 1, old),
            side,
            RemapState.STARTED,
            false,
            RemapState.Seed.NONE);
    assertThat(switching.indexPairs())
        .containsExactly(
            java.util.Map.entry("tides-noaa.water_level", "tides-noaa.water_level-v2"),
            java.util.Map.entry("tides-noaa.wind", "tides-noaa.wind-v2"));
    assertThat(Versions.parse("tides-${topic}-v2").at(3)).isEqualTo("tides-${topic}-v3");
    assertThat(Versions.indices("tides", java.util.List.of("a", "b"))).containsExactly("tides");
  }

  @Test
  void refusesWhatItCannotSwitchNamingTheFix() {
    assertThat(Versions.layout("s", sink("tides", null)).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("no mapping.read.alias", "POST /_aliases"));
    assertThat(Versions.layout("s", sink("tides-${yyyy.MM}", "r")).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("not supported by remap yet"));
    assertThat(Versions.layout("s", sink("tides-${topic}-${yyyy}", "r")).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("date placeholders"));
    Map<String, String> regex = sink("tides-${topic}", "r");
    regex.put("topics.regex", "noaa\\..*");
    assertThat(Versions.layout("s", regex).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("topics.regex", "'topics'"));
    assertThat(Versions.layout("s", sink("tides", "tides")).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("name of its own"));
    Map<String, String> mapped = sink("tides", "r");
    mapped.put("topic.index.map", "a:b");
    assertThat(Versions.layout("s", mapped).problem()).isPresent();
    Map<String, String> source = sink("tides", "r");
    source.put("connector.class", "io.tidestream.noaa.NoaaSourceConnector");
    assertThat(Versions.layout("s", source).problem())
        .hasValueSatisfying(p -> assertThat(p).contains("not an elastic-geo-sink connector"));
  }
}
