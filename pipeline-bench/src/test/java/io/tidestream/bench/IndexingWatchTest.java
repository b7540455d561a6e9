package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class IndexingWatchTest {

  private static IndexingWatch.Sample at(double seconds, long ops) {
    return new IndexingWatch.Sample((long) (seconds * 1e9), ops);
  }

  @Test
  void theSteadyRateLeavesOutTheStartAndTheTailAndInterpolatesBetweenSamples() {
    // 3 s of start-up, then 1,000 docs/s for 9.5 s, then a slow tail.
    List<IndexingWatch.Sample> samples =
        List.of(
            at(0, 0),
            at(3, 0),
            at(4, 1_000),
            at(5, 2_000),
            at(6, 3_000),
            at(8, 5_000),
            at(10, 7_000),
            at(12, 9_000),
            at(12.5, 9_500),
            at(20, 10_000));
    assertThat(IndexingWatch.crossing(samples, 500)).isCloseTo(3.5e9, Offset.offset(1.0));
    assertThat(IndexingWatch.steadyRate(samples, 10_000, 0.05, 0.95))
        .isCloseTo(1_000, Offset.offset(0.01));
  }

  @Test
  void tooFewSamplesAreAnErrorNotANumber() {
    assertThatThrownBy(
            () ->
                IndexingWatch.steadyRate(
                    List.of(at(0, 0), at(1, 5_000), at(2, 10_000)), 10_000, 0.05, 0.95))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("--records");
  }
}
