package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void showsTheWarmUpThePlateauAndWhatTheSinkKeepsInFlight() {
    String md = Report.markdown(Fixtures.results(0.9, true, null));
    assertThat(md)
        .contains("| 1 | 6,000 |", "| 4 | 10,100 |")
        .contains("**Plateau: 9,950 docs/s** (the mean of loads 3 and 4)")
        .contains("raw 2-way `_bulk` rate")
        .contains("keeps up to 4 requests in flight");
    assertThat(Report.markdown(Fixtures.results(0.9, false, null)))
        .contains("**No plateau within 3 loads**")
        .doesNotContain("**Plateau:");
  }

  @Test
  void quotesEachWritersMedianRatioWithItsSpreadAndTheRawSpread() {
    String md = Report.markdown(Fixtures.results(0.9, true, null));
    assertThat(md)
        .contains(
            "| sink, default format, ByteArrayConverter, tasks.max=2 | 9,000 (8,900 - 9,100) |"
                + " **0.90** (0.89 - 0.91) | 0 |")
        .contains("| raw 2-way `_bulk` (the ceiling) | 10,000 (10,000 - 10,000) | 1 | 0 |")
        .contains("The raw rate during the measured rounds: 10,000 - 10,000 docs/s");
  }

  @Test
  void showsCpuPerDocumentPerWriterAndEveryRoundInOrder() {
    String md = Report.markdown(Fixtures.results(0.9, true, null));
    assertThat(md)
        .contains(
            "| raw 2-way `_bulk` | - | 20.0 (20.0 - 20.0) | 1.0 (1.0 - 1.0) | 4.0 (4.0 - 4.0) |")
        .contains(
            "| sink, default format, JsonConverter (schemas), tasks.max=2 | 30.0 (30.0 - 30.0) |")
        .contains("| 1 | raw | 1 | 10,000 | 9,000 |  | - | 20.0 | 1.0 | 4.0 |")
        .contains("| 2 | `default:bytes:2` | 1 | 8,900 | 8,010 | 0.89 | 12.0 | 22.0 | 3.0 | - |");
  }

  @Test
  void theTargetsTableJudgesEachTargetFromTheResults() {
    String md = Report.markdown(Fixtures.results(0.9, true, null));
    assertThat(md)
        .contains("## Targets")
        .contains("| 90% (median of 2 rounds, each against the raw rounds next to it; 89% - 91%)")
        .contains("**Streaming capacity: 6,000 records/s** (sustainable;")
        .contains("| 2 | 200 MiB | 90 MiB | 3.1% | 0 |")
        .contains("took 12 min 34 s");
    for (BenchResults.Target t : Fixtures.results(0.9, true, null).targets()) {
      assertThat(md).contains("| " + t.target() + " | " + t.measured() + " | " + t.verdict().shown);
    }
  }

  @Test
  void chartsArePngImagesOfTheRightSize(@TempDir Path dir) throws Exception {
    Charts.throughput(Fixtures.results(0.9, true, null), dir.resolve("t.png"));
    Charts.latency(Fixtures.results(0.9, true, null), dir.resolve("l.png"));
    for (String name : List.of("t.png", "l.png")) {
      var image = ImageIO.read(Files.newInputStream(dir.resolve(name)));
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(500);
    }
  }

  @Test
  void spreadTakesTheMiddleOfAnEvenCount() {
    assertThat(BenchResults.Spread.of(List.of(4.0, 1.0, 3.0, 2.0)))
        .isEqualTo(new BenchResults.Spread(2.5, 1, 4, 4));
  }

  @Test
  void theSourceBackfillSectionAndTargetRowAreComputedFromTheCounts() {
    BackfillResult.Requests minimal =
        new BackfillResult.Requests(60, 60, 60, 0, 7, 4, 0, List.of(), List.of(), 10, 10, 98, 10);
    BackfillResult b =
        new BackfillResult(
            20,
            30,
            List.of("water_level", "wind", "predictions"),
            2,
            minimal,
            441_600,
            441_600,
            21.4,
            35.2);

    assertThat(BackfillReport.section(b))
        .contains("## Source backfill requests")
        .contains("| data requests until every unit caught up | 60 (minimum 60) |")
        .contains("(bounds: ceil(R) + 1 = 11, R = 10, 10 x R + 1 = 101)");
    BenchResults withB = Fixtures.results(0.9, true, null, b);
    assertThat(RunTargets.backfill(withB))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.measured()).contains("measured 60 / minimum 60, 0 repeated, 0 units");
              assertThat(t.verdict()).isEqualTo(BenchResults.Verdict.MET);
            });

    BackfillResult.Requests repeated =
        new BackfillResult.Requests(
            60, 61, 60, 1, 7, 4, 0, List.of(), List.of("9900001/wind 2/1"), 10, 10, 98, 10);
    BenchResults withRepeat =
        Fixtures.results(
            0.9, true, null, new BackfillResult(20, 30, List.of("wind"), 2, repeated, 1, 1, 1, 1));
    assertThat(RunTargets.backfill(withRepeat))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.measured()).contains("measured 61 / minimum 60, 1 repeated");
              assertThat(t.verdict()).isEqualTo(BenchResults.Verdict.NOT_MET);
            });
    assertThat(BackfillReport.section(null)).isEmpty();
    assertThat(RunTargets.backfill(Fixtures.results(0.9, true, null))).isEmpty();
  }
}
