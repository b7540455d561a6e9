package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeTargetsTest {

  private static final List<BenchResults.Target> ROWS =
      List.of(
          new BenchResults.Target("a target", "12 µs", BenchResults.Verdict.MET),
          new BenchResults.Target(
              "jmh", "see [m](../../microbenchmarks/README.md)", BenchResults.Verdict.SHOWN));

  @Test
  void replacesOnlyTheTextBetweenTheMarkers() {
    String readme =
        "intro\n" + ReadmeTargets.BEGIN + "\n| old | table |\n" + ReadmeTargets.END + "\nafter\n";
    String updated = ReadmeTargets.replace(readme, ROWS, "2026-12-02T08:00:00 UTC");
    assertThat(updated)
        .startsWith("intro\n" + ReadmeTargets.BEGIN + "\n")
        .endsWith(ReadmeTargets.END + "\nafter\n")
        .doesNotContain("| old | table |")
        .contains("From the run of 2026-12-02T08:00:00 UTC")
        .contains("| a target | 12 µs | yes |")
        .contains("see [m](microbenchmarks/README.md)");
  }

  @Test
  void aReadmeWithoutMarkersIsLeftAlone() {
    assertThat(ReadmeTargets.replace("no table here\n", ROWS, "now")).isEqualTo("no table here\n");
  }
}
