package io.tidestream.lag.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.lag.model.GroupReading;
import io.tidestream.lag.model.LagCalculator;
import io.tidestream.lag.model.LagSnapshot;
import io.tidestream.lag.model.TopicPartitionKey;
import io.tidestream.lag.poll.PollState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00.250Z");
  static final TopicPartitionKey WIND_0 = new TopicPartitionKey("noaa.wind", 0);
  static final TopicPartitionKey WIND_1 = new TopicPartitionKey("noaa.wind", 1);

  static PollState healthy() {
    LagSnapshot s =
        LagCalculator.compute(
            List.of(
                new GroupReading("connect-tides", 2, Map.of(WIND_0, 100L), Set.of(WIND_0, WIND_1))),
            Map.of(WIND_0, 130L, WIND_1, 7L),
            Map.of(WIND_1, 2L),
            T0);
    return PollState.initial(Duration.ofSeconds(60)).succeeded(s, Duration.ofMillis(1500));
  }

  @Test
  void oneSeriesPerGroupTopicAndPartitionWithTheConnectorAsALabel() {
    String text = Exposition.render(healthy(), T0.plusSeconds(5));

    assertThat(text)
        .contains(
            """
            # TYPE kafka_consumergroup_lag gauge
            kafka_consumergroup_lag{group="connect-tides",connector="tides",topic="noaa.wind",partition="0"} 30
            kafka_consumergroup_lag{group="connect-tides",connector="tides",topic="noaa.wind",partition="1"} 5
            """);
    assertThat(text)
        .contains(
            """
            # TYPE kafka_consumergroup_committed_offset gauge
            kafka_consumergroup_committed_offset{group="connect-tides",connector="tides",topic="noaa.wind",partition="0"} 100
            # HELP kafka_consumergroup_log_end_offset\
            """);
    assertThat(text)
        .contains(
            """
            kafka_consumergroup_log_end_offset{group="connect-tides",connector="tides",topic="noaa.wind",partition="0"} 130
            kafka_consumergroup_log_end_offset{group="connect-tides",connector="tides",topic="noaa.wind",partition="1"} 7
            """);
    assertThat(text)
        .contains("kafka_consumergroup_members{group=\"connect-tides\",connector=\"tides\"} 2\n");
    assertThat(text.lines().filter(l -> l.startsWith("kafka_consumergroup_lag{"))).hasSize(2);
  }

  @Test
  void healthSaysWhetherTheLastPollWorkedAndWhenOneLastDid() {
    String text = Exposition.render(healthy().failed(Duration.ofSeconds(30)), T0.plusSeconds(5));

    assertThat(text)
        .contains("# TYPE lag_exporter_up gauge\nlag_exporter_up 0\n")
        .contains("lag_exporter_last_success_timestamp_seconds 1767225600.25\n")
        .contains("lag_exporter_poll_duration_seconds 30\n")
        .contains(
            "# TYPE lag_exporter_polls_total counter\nlag_exporter_polls_total{outcome=\"ok\"} 1\n"
                + "lag_exporter_polls_total{outcome=\"error\"} 1\n")
        .contains("kafka_consumergroup_lag{"); // still within stale-after
  }

  @Test
  void aStaleSnapshotLeavesOnlyTheHeadersAndTheHealth() {
    String text = Exposition.render(healthy().failed(Duration.ofSeconds(30)), T0.plusSeconds(61));

    assertThat(text)
        .doesNotContain("kafka_consumergroup_lag{")
        .doesNotContain("kafka_consumergroup_members{")
        .contains("lag_exporter_up 0\n");
  }

  @Test
  void beforeTheFirstPollEverythingIsZeroAndNoLagIsMadeUp() {
    String text = Exposition.render(PollState.initial(Duration.ofSeconds(60)), T0);

    assertThat(text)
        .contains("lag_exporter_up 0\n", "lag_exporter_last_success_timestamp_seconds 0\n")
        .doesNotContain("kafka_consumergroup_lag{");
  }

  @Test
  void labelValuesAreEscapedAndEveryLineIsAHeaderOrASample() {
    assertThat(Exposition.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    for (String line : Exposition.render(healthy(), T0).lines().toList()) {
      assertThat(line)
          .matches(
              "# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? "
                  + "[0-9.]+");
    }
  }
}
