package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityGuideTest {

  /** The recorded run the docs show; the guide beside it is written from it. */
  private static final Path RECORDED = Path.of("..", "docs", "benchmarks");

  @Test
  void eachWritersCostIsTheMedianOfItsRoundsAndTheRawCeilingComesFirst() {
    List<CapacityGuide.Cost> costs = CapacityGuide.costs(Fixtures.results(0.8, true, null));

    assertThat(costs)
        .extracting(CapacityGuide.Cost::writer)
        .containsExactly(
            "raw", "default:bytes:2", "default:bytes:4", "schemaless:bytes:2", "default:json:2");
    CapacityGuide.Cost raw = costs.get(0);
    assertThat(raw.rate()).isEqualTo(10_000);
    assertThat(raw.engineMicros()).isEqualTo(20);
    CapacityGuide.Cost defaults = costs.get(1);
    // the two repetitions ran at 79% and 81% of 10,000
    assertThat(defaults.rate()).isCloseTo(8_000, within(1e-6));
    assertThat(defaults.tasks()).isEqualTo(2);
    assertThat(defaults.workerMicros()).isEqualTo(12);
    assertThat(defaults.perWorkerCore()).isCloseTo(83_333.3, within(0.1));
    assertThat(defaults.perEngineCore()).isCloseTo(45_454.5, within(0.1));
    assertThat(defaults.engineShare()).isCloseTo(22.0 / (12 + 22 + 3), within(1e-9));
  }

  @Test
  void aTargetRateNeedsCoresAtSeventyPercentATaskPerWorkerCoreAndTwiceThePartitions() {
    CapacityGuide.Cost cost = new CapacityGuide.Cost("default:bytes:2", 2, 27_662, 17.6, 48.2, 2.9);

    CapacityGuide.Size small = CapacityGuide.size(20_000, cost);
    assertThat(small.workerCores()).isCloseTo(20_000 * 17.6 / 1e6 / 0.7, within(1e-9));
    assertThat(small.engineCores()).isCloseTo(20_000 * 48.2 / 1e6 / 0.7, within(1e-9));
    assertThat(small.tasks()).as("never fewer than 2: one per worker").isEqualTo(2);
    assertThat(small.partitions()).isEqualTo(4);

    CapacityGuide.Size large = CapacityGuide.size(100_000, cost);
    assertThat(large.workerCores()).isCloseTo(2.514, within(0.001));
    assertThat(large.tasks()).isEqualTo(3);
    assertThat(large.partitions()).isEqualTo(6);
  }

  @Test
  void thePageNamesTheMachineAndTheRunAndSizesTheDefaultFormat() {
    String md = CapacityGuide.markdown(Fixtures.results(0.8, true, null));

    assertThat(md)
        .contains("from its run of 2026-11-26T06:00:00 UTC (`./pipeline bench`")
        .contains("Machine: 2 cores (Test CPU)")
        .contains("| raw `_bulk` (no Connect) | 10,000 | - | - | - | 20.0 | 50,000 | - |")
        .contains("| `default:bytes:2` | 8,000 | 4,000 | 12.0 | 83,333 | 22.0 | 45,455 | 59% |")
        .contains("For the pipeline's default format (`default:bytes:2`")
        .contains("| 100,000 | 1.7 | 3.1 | 2 | 4 |")
        .contains("`tasks.max=4` indexed 7,950 docs/s against 8,000 with 2");
  }

  /**
   * docs/benchmarks/capacity.md is what the guide makes of the recorded run beside it; regenerate
   * with {@code -Dbench.capacity.write=true} (or {@code ./pipeline bench --capacity-from
   * docs/benchmarks/results.json}).
   */
  @Test
  void theRecordedGuideIsWhatTheRecordedRunGives() throws Exception {
    BenchResults recorded = ResultsWriter.read(RECORDED.resolve("results.json"));
    String expected = CapacityGuide.markdown(recorded);
    Path guide = RECORDED.resolve(ResultsWriter.CAPACITY);
    if (Boolean.getBoolean("bench.capacity.write")) {
      Files.writeString(guide, expected);
    }
    assertThat(guide).exists();
    assertThat(Files.readString(guide))
        .as("docs/benchmarks/capacity.md is stale: run this test with -Dbench.capacity.write=true")
        .isEqualTo(expected);
    assertThat(recorded.throughput()).isNotEmpty();
  }
}
