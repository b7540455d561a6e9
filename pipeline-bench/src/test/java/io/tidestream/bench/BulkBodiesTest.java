package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkBodiesTest {

  @Test
  void indexLinesAreTheActionAndTheSourceAsCompactJson() {
    byte[] lines =
        BulkBodies.indexLines(
            "bench-run",
            "8700000|water_level|1767225600000",
            BulkBodies.compact(
                "{ \"station_id\" : \"8700000\",\n"
                    + " \"value\" : 1.234, \"location\": {\"lat\": 24.5, \"lon\": -124.0} }"));

    assertThat(new String(lines, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"index\":{\"_index\":\"bench-run\",\"_id\":\"8700000|water_level|1767225600000\"}}\n"
                + "{\"station_id\":\"8700000\",\"value\":1.234,\"location\":{\"lat\":24.5,\"lon\":-124.0}}\n");
  }

  @Test
  void bodiesAreCutAtTheSinksActionAndByteLimits() {
    byte[] doc = BulkBodies.indexLines("i", "1", BulkBodies.compact("{\"a\":1}"));
    BulkBodies byCount = new BulkBodies(3, 1 << 20);
    BulkBodies byBytes = new BulkBodies(1000, 2L * doc.length);
    for (int i = 0; i < 7; i++) {
      byCount.add(doc);
      byBytes.add(doc);
    }

    assertThat(byCount.bodies()).extracting(b -> b.length / doc.length).containsExactly(3, 3, 1);
    assertThat(byBytes.bodies()).extracting(b -> b.length / doc.length).containsExactly(2, 2, 2, 1);
    assertThat(new BulkBodies(3, 10).bodies()).isEqualTo(List.of());
  }

  @Test
  void aDocumentLargerThanTheByteLimitStillGoesAloneInItsRequest() {
    byte[] doc = BulkBodies.indexLines("i", "1", BulkBodies.compact("{\"a\":\"0123456789\"}"));
    BulkBodies bodies = new BulkBodies(10, 5);
    bodies.add(doc);
    bodies.add(doc);
    assertThat(bodies.bodies()).hasSize(2).allSatisfy(b -> assertThat(b).isEqualTo(doc));
  }
}
