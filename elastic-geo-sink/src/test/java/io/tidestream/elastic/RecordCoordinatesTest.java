package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordCoordinatesTest {

  private final RecordCoordinates coordinates = new RecordCoordinates();

  private static SinkRecord record(String topic, int partition, long offset) {
    return new SinkRecord(topic, partition, null, null, null, "{}", offset);
  }

  @Test
  void recordsOfOnePartitionShareOneTopicPartition() {
    TopicPartition first = coordinates.partition(record("noaa.wind", 1, 10));
    TopicPartition other = coordinates.partition(record("noaa.wind", 2, 10));

    assertThat(first).isEqualTo(new TopicPartition("noaa.wind", 1));
    assertThat(other).isEqualTo(new TopicPartition("noaa.wind", 2));
    assertThat(coordinates.partition(record("noaa.wind", 1, 11))).isSameAs(first);
    assertThat(coordinates.partition(record("noaa.tides", 1, 11)))
        .isEqualTo(new TopicPartition("noaa.tides", 1));
  }

  @Test
  void aTransformedRecordKeepsItsOriginalCoordinates() {
    SinkRecord renamed =
        record("noaa.wind", 4, 42).newRecord("renamed", 0, null, null, null, "{}", null, null);

    assertThat(coordinates.partition(renamed)).isEqualTo(new TopicPartition("noaa.wind", 4));
    assertThat(RecordCoordinates.offset(renamed)).isEqualTo(42);
  }

  @Test
  void moreStreamsThanKeptStillGetTheirOwnCoordinates() {
    for (int round = 0; round < 3; round++) {
      for (int p = 0; p < RecordCoordinates.KEPT * 2; p++) {
        assertThat(coordinates.partition(record("noaa.wind", p, round)))
            .isEqualTo(new TopicPartition("noaa.wind", p));
      }
    }
  }
}
