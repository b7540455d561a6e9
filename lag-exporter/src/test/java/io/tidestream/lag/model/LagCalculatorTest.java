package io.tidestream.lag.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagCalculatorTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final TopicPartitionKey WIND_0 = new TopicPartitionKey("noaa.wind", 0);
  static final TopicPartitionKey WIND_1 = new TopicPartitionKey("noaa.wind", 1);
  static final TopicPartitionKey LEVEL_0 = new TopicPartitionKey("noaa.water_level", 0);

  @Test
  void lagIsLogEndMinusCommittedPerPartition() {
    LagSnapshot s =
        LagCalculator.compute(
            List.of(
                new GroupReading(
                    "connect-tides-sink",
                    2,
                    Map.of(WIND_0, 100L, WIND_1, 250L),
                    Set.of(WIND_0, WIND_1))),
            Map.of(WIND_0, 130L, WIND_1, 250L),
            Map.of(),
            NOW);

    assertThat(s.partitions())
        .containsExactly(
            new PartitionLag(
                "connect-tides-sink", "tides-sink", WIND_0, OptionalLong.of(100), 130, 30),
            new PartitionLag(
                "connect-tides-sink", "tides-sink", WIND_1, OptionalLong.of(250), 250, 0));
    assertThat(s.groups()).containsExactly(new GroupSummary("connect-tides-sink", "tides-sink", 2));
    assertThat(s.takenAt()).isEqualTo(NOW);
  }

  @Test
  void anAssignedPartitionWithoutACommittedOffsetCountsFromTheLogStart() {
    LagSnapshot s =
        LagCalculator.compute(
            List.of(new GroupReading("connect-new", 1, Map.of(), Set.of(WIND_0))),
            Map.of(WIND_0, 500L),
            Map.of(WIND_0, 120L),
            NOW);

    assertThat(s.partitions())
        .containsExactly(
            new PartitionLag("connect-new", "new", WIND_0, OptionalLong.empty(), 500, 380));
  }

  @Test
  void committedPartitionsCountEvenWhenNoMemberHoldsThem() {
    // a group whose tasks are all gone (failed, or a worker died) still lags on the broker
    LagSnapshot s =
        LagCalculator.compute(
            List.of(new GroupReading("connect-orphan", 0, Map.of(WIND_0, 10L), Set.of())),
            Map.of(WIND_0, 40L),
            Map.of(),
            NOW);

    assertThat(s.partitions()).extracting(PartitionLag::lag).containsExactly(30L);
    assertThat(s.groups()).extracting(GroupSummary::members).containsExactly(0);
  }

  @Test
  void aCommittedOffsetPastTheLogEndIsNoLagAndAPartitionWithoutLogEndIsLeftOut() {
    LagSnapshot s =
        LagCalculator.compute(
            List.of(
                new GroupReading(
                    "connect-x", 1, Map.of(WIND_0, 900L, LEVEL_0, 5L), Set.of(WIND_0))),
            Map.of(WIND_0, 10L),
            Map.of(),
            NOW);

    assertThat(s.partitions())
        .containsExactly(new PartitionLag("connect-x", "x", WIND_0, OptionalLong.of(900), 10, 0));
  }

  @Test
  void oneRowPerGroupAndPartitionSortedByGroupTopicAndPartition() {
    LagSnapshot s =
        LagCalculator.compute(
            List.of(
                new GroupReading(
                    "connect-b",
                    1,
                    Map.of(WIND_1, 1L, WIND_0, 1L, LEVEL_0, 1L),
                    Set.of(WIND_0, WIND_1)),
                new GroupReading("connect-a", 1, Map.of(WIND_0, 2L), Set.of(WIND_0))),
            Map.of(WIND_0, 3L, WIND_1, 3L, LEVEL_0, 3L),
            Map.of(),
            NOW);

    assertThat(s.partitions())
        .extracting(r -> r.group() + " " + r.partition().topic() + "/" + r.partition().partition())
        .containsExactly(
            "connect-a noaa.wind/0",
            "connect-b noaa.water_level/0",
            "connect-b noaa.wind/0",
            "connect-b noaa.wind/1");
  }

  @Test
  void theConnectorIsTheGroupWithoutConnectsPrefix() {
    assertThat(LagCalculator.connectorOf("connect-tides-sink")).isEqualTo("tides-sink");
    assertThat(LagCalculator.connectorOf("my-group")).isEqualTo("my-group");
    assertThat(LagCalculator.connectorOf("connect-")).isEqualTo("connect-");
  }
}
