package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.bench.BenchResults.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTargetsTest {

  private static final BenchResults.Baseline TODAY =
      new BenchResults.Baseline(
          "docs/benchmarks/baseline.json",
          "elastic-geo-sink 0.1.0-SNAPSHOT, ZIPs from /tmp/old (commit 081c666)",
          "default:json:2",
          26.0,
          3);

  @Test
  void theShareTargetIsMetAtEightyFivePercentOnAPlateauedCeilingOnly() {
    assertThat(ThroughputTargets.share(Fixtures.results(0.86, true, null), Writer.DEFAULT, "d"))
        .extracting(BenchResults.Target::verdict)
        .isEqualTo(Verdict.MET);
    assertThat(ThroughputTargets.share(Fixtures.results(0.84, true, null), Writer.DEFAULT, "d"))
        .extracting(BenchResults.Target::verdict)
        .isEqualTo(Verdict.NOT_MET);
    BenchResults.Target moving =
        ThroughputTargets.share(Fixtures.results(0.95, false, null), Writer.DEFAULT, "d");
    assertThat(moving.verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(moving.measured()).contains("95%", "NO PLATEAU");
  }

  @Test
  void aWriterNotInTheRunIsNotMeasuredRatherThanFailedOrPassed() {
    BenchResults r = Fixtures.results(0.9, true, null);
    assertThat(ThroughputTargets.share(r, Writer.parse("schemaless:string:2"), "x").verdict())
        .isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void fourTasksMeetTheTargetUnlessBelowTheLowestTwoTaskRound() {
    // 4 tasks at defaultShare - 0.005, 2 tasks at defaultShare -/+ 0.01
    BenchResults.Target t = ThroughputTargets.fourTasks(Fixtures.results(0.9, true, null));
    assertThat(t.verdict()).isEqualTo(Verdict.MET);
    assertThat(t.measured()).contains("4 tasks 90%", "2 tasks 90% (89% - 91%)");
  }

  @Test
  void theCpuTargetComparesWithTheBaselineRunAndShowsTheRatio() {
    BenchResults.Target met = ThroughputTargets.cpu(Fixtures.results(0.9, true, TODAY));
    assertThat(met.verdict()).isEqualTo(Verdict.MET);
    assertThat(met.measured())
        .contains("12.0 µs/doc now", "against 26.0 today", "081c666", "0.46×")
        .contains("previous default converter (`default:json:2`) costs 30.0 µs (0.40×)");

    BenchResults.Baseline cheap =
        new BenchResults.Baseline("b.json", "old", "default:json:2", 20.0, 3);
    assertThat(ThroughputTargets.cpu(Fixtures.results(0.9, true, cheap)).verdict())
        .isEqualTo(Verdict.NOT_MET);

    BenchResults.Target none = ThroughputTargets.cpu(Fixtures.results(0.9, true, null));
    assertThat(none.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(none.measured()).contains("not given (--baseline)");
  }

  @Test
  void otherStepsAddTheirRowsAfterTheThroughputRows() {
    List<BenchResults.Target> rows = Fixtures.results(0.9, true, null).targets();
    assertThat(rows).hasSize(4 + 2 + 1 + 1);
    assertThat(rows.get(4).target()).contains("p99", "acknowledged");
    assertThat(rows.get(5).target()).contains("p99", "searchable");
    assertThat(rows.get(6).target()).contains("-Xmx256m");
  }
}
