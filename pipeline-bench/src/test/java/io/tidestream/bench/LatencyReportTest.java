package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyReportTest {

  /** A capacity search and a curve at 25/50/75 % of 6,000 records/s, two windows each. */
  static LatencyResults results() {
    return results(420, 380, 1_200, 0);
  }

  static LatencyResults results(double ackP99w1, double ackP99w2, double searchP99, long unseen) {
    return new LatencyResults(
        "`org.apache.kafka.connect.converters.ByteArrayConverter`",
        15,
        3_000,
        5,
        List.of(
            new CapacityTrial(4_000, 20, 4_000, 3_990, 800, 900, true),
            new CapacityTrial(5_600, 20, 5_590, 5_580, 900, 1_100, true),
            new CapacityTrial(7_840, 20, 7_100, 5_900, 800, 40_000, false),
            new CapacityTrial(6_000, 20, 6_000, 5_990, 900, 950, true)),
        6_000,
        List.of(
            window(0.25, 1_500, 1, 300, 900, 0),
            window(0.25, 1_500, 2, 310, 910, 0),
            window(0.5, 3_000, 1, ackP99w1, searchP99, unseen),
            window(0.5, 3_000, 2, ackP99w2, searchP99 - 100, 0),
            window(0.75, 4_500, 1, 700, 2_000, 2),
            window(0.75, 4_500, 2, Double.NaN, 2_100, 0)));
  }

  private static LatencyResults.Window window(
      double share, double rate, int w, double ackP99, double searchP99, long unseen) {
    return new LatencyResults.Window(
        share, rate, w, rate, 450, unseen, ackP99 / 2, ackP99, ackP99 + 50, 600, searchP99, 1_900);
  }

  @Test
  void targetsAreMetOnlyWhenEveryWindowAtHalfTheCapacityIsUnderTheBound() {
    List<LatencyReport.TargetRow> rows = LatencyReport.targetRows(results());
    assertThat(rows).extracting(LatencyReport.TargetRow::met).containsExactly(true, true);
    assertThat(rows.get(0).measured())
        .isEqualTo("worst window 420 ms (windows: 420, 380 ms) at 3,000 records/s");

    assertThat(LatencyReport.targetRows(results(420, 510, 1_200, 0)))
        .extracting(LatencyReport.TargetRow::met)
        .containsExactly(false, true);
    assertThat(LatencyReport.targetRows(results(420, 380, 1_500, 0)))
        .extracting(LatencyReport.TargetRow::met)
        .containsExactly(true, false);
  }

  @Test
  void aWindowWithoutAReadingOrWithALostProbeIsNotMet() {
    assertThat(LatencyReport.targetRows(results(Double.NaN, 380, 1_200, 0)).get(0).met()).isFalse();
    LatencyReport.TargetRow searchable =
        LatencyReport.targetRows(results(420, 380, 1_200, 1)).get(1);
    assertThat(searchable.met()).isFalse();
    assertThat(searchable.measured()).endsWith("; probes never seen");
  }

  @Test
  void withoutAMeasurementTheTargetsAreNotMet() {
    assertThat(LatencyReport.targetRows(null))
        .extracting(LatencyReport.TargetRow::measured, LatencyReport.TargetRow::met)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("not measured", false));
  }

  @Test
  void aCapacityWithoutAnUnsustainableRateAboveItIsALowerBound() {
    LatencyResults r = results();
    LatencyResults onlySustainable =
        new LatencyResults(
            r.converter(),
            r.windowSeconds(),
            r.metricSampleWindowMs(),
            r.metricSamples(),
            r.trials().stream().filter(CapacityTrial::sustainable).toList(),
            r.capacity(),
            r.windows());
    assertThat(LatencyReport.section(onlySustainable))
        .contains("**Streaming capacity: at least 6,000 records/s.**");
  }

  @Test
  void sectionShowsTheCapacityEvidenceAndEveryWindowWithTheHeadlineInBold() {
    String md = LatencyReport.section(results());
    assertThat(md)
        .contains("| 7,840 | 7,100 | 5,900 | 800 | 40,000 | no |")
        .contains("**Streaming capacity: 6,000 records/s** (sustainable; 7,840 records/s was not).")
        .contains("| **50%** | 3,000 | 1 | 3,000 | 210 / 420 / 470 | 600 / 1,200 / 1,900 | 450 |")
        .contains("| 75% | 4,500 | 2 | 4,500 | - / - / - | 600 / 2,100 / 1,900 | 450 |")
        .contains("(2 never seen)")
        .contains("`metrics.sample.window.ms=3000` and `metrics.num.samples=5`")
        .contains("covers the last 12-15 s of its window");
  }
}
