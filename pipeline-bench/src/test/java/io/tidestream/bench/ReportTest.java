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
        LatencyReportTest.results(),
        List.of(new BenchResults.Heap(2, 200L << 20, 90L << 20, 0.031, 0)),
        "./pipeline bench",
        "2026-11-26T06:00:00 UTC",
        754);
  }

  @Test
  void quotesMediansWithTheirSpreadAndJudgesEachTarget() {
    String md = Report.markdown(results(9_800), true);
    assertThat(md).contains("| raw bulk ceiling | 11,000 | 10,000 - 12,000 | 100% | 9,200 | 0 |");
    assertThat(md).contains("| sink, tasks.max=2 | 9,850 | 9,800 - 9,900 | 90% | 8,050 | 120 |");
    assertThat(md).contains("| 90% | yes |");
    assertThat(md).contains("**Streaming capacity: 6,000 records/s** (sustainable;");
    assertThat(md).contains("(2 never seen)");
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
}
