package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundPairingTest {

  private static final Writer A = Writer.parse("default:bytes:2");
  private static final Writer B = Writer.parse("schemaless:bytes:2");
  private static final Writer C = Writer.parse("default:json:2");

  static BenchResults.Throughput raw(int rep, double rate) {
    return new BenchResults.Throughput(
        0, rep, rate, rate, 0, BenchResults.RAW, BenchResults.Cpu.NONE);
  }

  static BenchResults.Throughput sink(Writer w, int rep, double rate) {
    return new BenchResults.Throughput(
        w.tasks(), rep, rate, rate, 0, w.id(), BenchResults.Cpu.NONE);
  }

  private static String shown(RoundPairing.Step s) {
    return s.isRaw() ? "raw" : s.writer().orElseThrow().id() + "#" + s.repetition();
  }

  @Test
  void everySinkRoundSitsBetweenTwoRawRoundsAndEachRepetitionStartsOneWriterLater() {
    List<String> order =
        RoundPairing.schedule(List.of(A, B, C), 2).stream().map(RoundPairingTest::shown).toList();
    assertThat(order)
        .containsExactly(
            "raw",
            "default:bytes:2#1",
            "raw",
            "schemaless:bytes:2#1",
            "raw",
            "default:json:2#1",
            "raw",
            "schemaless:bytes:2#2",
            "raw",
            "default:json:2#2",
            "raw",
            "default:bytes:2#2",
            "raw");
  }

  @Test
  void aSinkRoundIsJudgedAgainstTheMeanOfTheRawRoundsBeforeAndAfterIt() {
    // The ceiling drifts from 20,000 to 40,000: the ratio of medians would say 0.5 for both
    // writers; next to its neighbours each round is at 0.9.
    List<BenchResults.RoundRatio> ratios =
        RoundPairing.ratios(
            List.of(
                raw(1, 20_000),
                sink(A, 1, 22_500),
                raw(1, 30_000),
                sink(B, 1, 31_500),
                raw(1, 40_000)));
    assertThat(ratios).hasSize(2);
    assertThat(ratios.get(0).writer()).isEqualTo(A.id());
    assertThat(ratios.get(0).rawBefore()).isEqualTo(20_000);
    assertThat(ratios.get(0).rawAfter()).isEqualTo(30_000);
    assertThat(ratios.get(0).ratio()).isCloseTo(0.9, within(1e-9));
    assertThat(ratios.get(1).ratio()).isCloseTo(0.9, within(1e-9));
  }

  @Test
  void aRoundWithRawOnOneSideOnlyUsesThatSide() {
    List<BenchResults.RoundRatio> ratios =
        RoundPairing.ratios(List.of(sink(A, 1, 9_000), raw(1, 10_000)));
    assertThat(ratios.get(0).rawBefore()).isNaN();
    assertThat(ratios.get(0).ratio()).isCloseTo(0.9, within(1e-9));
  }

  @Test
  void aSinkRoundWithNoRawRoundIsAnError() {
    assertThatThrownBy(() -> RoundPairing.ratios(List.of(sink(A, 1, 9_000))))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("no raw round");
  }
}
