package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class DottedPathTest {

  @Test
  void resolvesNestedMapsAndStructs() {
    DottedPath path = DottedPath.parse("metadata.lat");
    assertThat(path.lookup(Map.of("metadata", Map.of("lat", "24.55")))).isEqualTo("24.55");

    Schema inner = SchemaBuilder.struct().field("lat", Schema.FLOAT64_SCHEMA).build();
    Schema outer = SchemaBuilder.struct().field("metadata", inner).build();
    Struct struct = new Struct(outer).put("metadata", new Struct(inner).put("lat", 24.55));
    assertThat(path.lookup(struct)).isEqualTo(24.55);
  }

  @Test
  void missingOrNonObjectSegmentsGiveNull() {
    DottedPath path = DottedPath.parse("a.b");
    assertThat(path.lookup(Map.of("a", "text"))).isNull();
    assertThat(path.lookup(Map.of("x", 1))).isNull();
    assertThat(path.lookup(null)).isNull();
  }

  @Test
  void rejectsEmptySegments() {
    assertThatThrownBy(() -> DottedPath.parse("a..b")).hasMessageContaining("empty segment");
    assertThatThrownBy(() -> DottedPath.parse(" ")).hasMessageContaining("empty");
  }
}
