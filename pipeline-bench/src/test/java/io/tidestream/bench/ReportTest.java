package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static BenchResults results(double twoTaskRate) {
    return new BenchResults(
        new BenchResults.Machine(
            2,
            24L << 30,
            "Test CPU",
            "Linux",
            "OpenJDK 17",
            "4.1.1",
            "opensearch-2 2.19.4",
            "tidestream 0.1.0",
            "abc1234"),
        new BenchResults.Plan(200_000, 50, 4, 3, List.of(1, 2), 4, 30, "256m", "1g"),
        Map.of("bulk.max.actions", "2000"),
        List.of(
            new BenchResults.Throughput(0, 1, 10_000, 9_000, 0),
            new BenchResults.Throughput(0, 2, 12_000, 9_500, 0),
            new BenchResults.Throughput(0, 3, 11_000, 9_200, 0),
            new BenchResults.Throughput(1, 1, 6_000, 5_000, 0),
            new BenchResults.Throughput(2, 1, twoTaskRate, 8_000, 120),
            new BenchResults.Throughput(2, 2, twoTaskRate + 100, 8_100, 0)),
        List.of(
            new BenchResults.Latency(1, 4_500, 3_000, 0, 600, 1_100, 1_300, 1_500),
            new BenchResults.Latency(2, 4_500, 3_000, 2, 620, 1_150, 2_400, 2_600),
            new BenchResults.Latency(3, 4_500, 3_000, 0, 610, 1_120, 1_350, 1_400)),
        List.of(new BenchResults.Heap(2, 200L << 20, 90L << 20, 0.031, 0)),
        "./pipeline bench",
        "2026-11-26T06:00:00 UTC",
        754,
        null);
  }

  @Test
  void quotesMediansWithTheirSpreadAndJudgesEachTarget() {
    String md = Report.markdown(results(9_800), true);
    assertThat(md).contains("| raw bulk ceiling | 11,000 | 10,000 - 12,000 | 100% | 9,200 | 0 |");
    assertThat(md).contains("| sink, tasks.max=2 | 9,850 | 9,800 - 9,900 | 90% | 8,050 | 120 |");
    assertThat(md).contains("| 90% | yes |");
    assertThat(md).contains("| **median** | **610** | **1120** | **1350** | **1500** |");
    assertThat(md).contains("2 never seen");
    assertThat(md).contains("| 2 | 200 MiB | 90 MiB | 3.1% | 0 |");
    assertThat(md).contains("took 12 min 34 s");

    assertThat(Report.markdown(results(8_000), false))
        .contains("| 73% | **no** |")
        .contains("FAILED");
  }

  @Test
  void chartsArePngImagesOfTheRightSize(@TempDir Path dir) throws Exception {
    Charts.throughput(results(9_800), dir.resolve("t.png"));
    Charts.latency(results(9_800), dir.resolve("l.png"));
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
    assertThat(BackfillReport.targetRow(b))
        .contains("measured 60 / minimum 60, 0 repeated, 0 units behind")
        .endsWith("| met |\n");

    BackfillResult.Requests repeated =
        new BackfillResult.Requests(
            60, 61, 60, 1, 7, 4, 0, List.of(), List.of("9900001/wind 2/1"), 10, 10, 98, 10);
    assertThat(
            BackfillReport.targetRow(
                new BackfillResult(20, 30, List.of("wind"), 2, repeated, 1, 1, 1, 1)))
        .contains("measured 61 / minimum 60, 1 repeated")
        .endsWith("| **not met** |\n");
    assertThat(BackfillReport.section(null)).isEmpty();
    assertThat(BackfillReport.targetRow(null)).isEmpty();
  }
}
