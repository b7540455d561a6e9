package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexNameTemplateTest {

  @Test
  void rendersTopicAndUtcDatePlaceholders() {
    IndexNameTemplate t = IndexNameTemplate.parse("tides-${topic}-${yyyy.MM.dd}");
    assertThat(t.render("Noaa.Water", 1_420_070_399_999L)).isEqualTo("tides-noaa.water-2014.12.31");
    assertThat(t.render("Noaa.Water", 1_420_070_400_000L)).isEqualTo("tides-noaa.water-2015.01.01");
    assertThat(t.render("other", 1_420_070_400_000L)).isEqualTo("tides-other-2015.01.01");
    assertThat(t.wildcardPattern()).isEqualTo("tides-*-*");
    assertThat(IndexNameTemplate.parse("tides").isFixed()).isTrue();
    assertThat(IndexNameTemplate.parse("${topic}").wildcardPattern()).isEqualTo("*");
  }

  @Test
  void rejectsNamesTheEngineWouldRefuse() {
    assertThatThrownBy(() -> IndexNameTemplate.parse("Tides")).hasMessageContaining("lower case");
    assertThatThrownBy(() -> IndexNameTemplate.parse("tides ${yyyy}"))
        .hasMessageContaining("may not contain");
    assertThatThrownBy(() -> IndexNameTemplate.parse("_tides"))
        .hasMessageContaining("must not start");
    assertThatThrownBy(() -> IndexNameTemplate.parse("tides-${yyyy.MM"))
        .hasMessageContaining("closing");
    assertThatThrownBy(() -> IndexNameTemplate.parse("tides-${yyyy.MM.dd-mm}"))
        .hasMessageContaining("uses 'm'");
    assertThatThrownBy(() -> IndexNameTemplate.parse("tides-${qqqqqq}"))
        .hasMessageContaining("not a valid java.time pattern");
  }
}
