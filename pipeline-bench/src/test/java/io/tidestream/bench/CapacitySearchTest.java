package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

  private static CapacityTrial ok(double rate) {
    return new CapacityTrial(rate, 20, rate, rate, 100, 120, true);
  }

  private static CapacityTrial behind(double rate) {
    return new CapacityTrial(rate, 20, rate, rate * 0.8, 100, 20_000, false);
  }

  @Test
  void startsAtTheStartRateThenStepsUpWhileSustainable() {
    assertThat(CapacitySearch.next(2_000, List.of(), 120, 30)).hasValue(2_000);
    assertThat(CapacitySearch.next(2_000, List.of(ok(2_000)), 90, 30))
        .hasValue(2_000 * CapacitySearch.STEP_UP);
  }

  @Test
  void bisectsBetweenTheHighestSustainableAndTheLowestUnsustainableRate() {
    assertThat(CapacitySearch.next(2_000, List.of(ok(2_000), behind(2_800)), 90, 30))
        .hasValue(2_400);
    assertThat(CapacitySearch.next(2_000, List.of(ok(2_000), behind(2_800), ok(2_400)), 60, 30))
        .hasValue(2_600);
  }

  @Test
  void stopsWhenTheBracketIsWithinTheResolution() {
    List<CapacityTrial> trials = List.of(ok(2_000), behind(2_800), ok(2_600));
    assertThat(CapacitySearch.next(2_000, trials, 600, 30)).isEmpty();
    assertThat(CapacitySearch.capacity(trials)).isEqualTo(2_600);
  }

  @Test
  void stopsWhenNoTimeIsLeftForAnotherTrial() {
    assertThat(CapacitySearch.next(2_000, List.of(ok(2_000)), 29, 30)).isEmpty();
    assertThat(CapacitySearch.next(2_000, List.of(), 10, 30)).isEmpty();
  }

  @Test
  void halvesWhileNothingIsSustainableAndGivesUpBelowTheMinimum() {
    assertThat(CapacitySearch.next(2_000, List.of(behind(2_000)), 90, 30)).hasValue(1_000);
    assertThat(CapacitySearch.next(80, List.of(behind(80)), 90, 30)).isEmpty();
    assertThat(CapacitySearch.capacity(List.of(behind(2_000)))).isNaN();
  }

  @Test
  void aSuccessAboveAFailureIsNoiseAndDoesNotCount() {
    List<CapacityTrial> trials = List.of(ok(2_000), behind(2_800), ok(3_000));
    assertThat(CapacitySearch.capacity(trials)).isEqualTo(2_000);
    assertThat(CapacitySearch.next(2_000, trials, 90, 30)).isEqualTo(OptionalDouble.of(2_400));
  }

  @Test
  void aTrialIsSustainableWhenTheProducerKeptUpAndTheBacklogDidNotGrow() {
    // 20 s at 1,000/s: 20,000 produced; backlog 600 -> 900 grew by 300, 0.3 s of the rate
    assertThat(CapacityTrial.judge(1_000, 20, 20_000, 19_700, 600, 900).sustainable()).isTrue();
    // the backlog grew by 600 records, 0.6 s of the rate: the sink indexed 97% and fell behind
    assertThat(CapacityTrial.judge(1_000, 20, 20_000, 19_400, 600, 1_200).sustainable()).isFalse();
    // the producer itself reached only 90% of the offered rate (the machine is saturated)
    CapacityTrial slowProducer = CapacityTrial.judge(1_000, 20, 18_000, 18_000, 600, 600);
    assertThat(slowProducer.sustainable()).isFalse();
    assertThat(slowProducer.producedRate()).isEqualTo(900);
  }

  @Test
  void theWorstTaskIsQuotedPerPercentileAndTasksWithoutReadingsAreLeftOut() {
    WorkerMetrics.AckLatency worst =
        WorkerMetrics.AckLatency.worst(
            List.of(
                new WorkerMetrics.AckLatency(100, 400, 450),
                new WorkerMetrics.AckLatency(120, 380, 700),
                new WorkerMetrics.AckLatency(Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY)));
    assertThat(worst).isEqualTo(new WorkerMetrics.AckLatency(120, 400, 700));
    assertThat(
            WorkerMetrics.AckLatency.worst(
                    List.of(new WorkerMetrics.AckLatency(Double.NaN, Double.NaN, Double.NaN)))
                .p99())
        .isNaN();
  }
}
