package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexTargetsTest {

  @Test
  void parsesTopicTargetPairsInOrder() {
    Map<String, IndexNameTemplate> map =
        IndexTargets.parseMap(List.of(" a.b : tides ", "c:wind-${yyyy.MM}", ""));
    assertThat(map).containsOnlyKeys("a.b", "c");
    assertThat(map.get("a.b").toString()).isEqualTo("tides");
    assertThat(map.get("c").usesTime()).isTrue();
  }

  @Test
  void malformedEntriesSayHowToWriteThem() {
    assertThatThrownBy(() -> IndexTargets.parseMap(List.of("tides")))
        .hasMessage("entry 'tides' has no ':'; write topic:target, e.g. noaa.water_level:tides");
    assertThatThrownBy(() -> IndexTargets.parseMap(List.of(":tides")))
        .hasMessageContaining("lacks a topic");
    assertThatThrownBy(() -> IndexTargets.parseMap(List.of("a:")))
        .hasMessageContaining("lacks a target");
    assertThatThrownBy(() -> IndexTargets.parseMap(List.of("a:Tides")))
        .hasMessageStartingWith("target of topic 'a': index name 'Tides' has upper-case letters");
    assertThatThrownBy(() -> IndexTargets.parseMap(List.of("a:x", "b:y", "a:z")))
        .hasMessage("topic 'a' is mapped twice ('x' and 'z'); keep one entry per topic");
  }

  @Test
  void aMappedTopicUsesItsTargetOthersTheFallback() {
    IndexTargets targets =
        new IndexTargets(
            IndexNameTemplate.parse("${topic}"), Map.of("a", IndexNameTemplate.parse("x")));
    assertThat(targets.forTopic("a").toString()).isEqualTo("x");
    assertThat(targets.forTopic("b").toString()).isEqualTo("${topic}");
    assertThat(targets.forTopic("a").toString()).isEqualTo("x");
    assertThat(new IndexTargets(null, Map.of()).forTopic("a")).isNull();
  }

  @Test
  void describesItselfForTheStartLog() {
    assertThat(IndexTargets.of(IndexNameTemplate.parse("tides"))).hasToString("tides");
    assertThat(new IndexTargets(null, Map.of("a", IndexNameTemplate.parse("x"))))
        .hasToString("(index.name empty) (topic.index.map {a=x})");
  }
}
