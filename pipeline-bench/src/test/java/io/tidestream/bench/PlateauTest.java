package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlateauTest {

  private final Plateau plateau = new Plateau(0.05, 4);

  @Test
  void aRisingRateIsNotAPlateauUntilTwoConsecutiveLoadsAreWithinFivePercent() {
    // issue #13: the engine's raw rate rose from about 19,000 to 43,000 docs/s over the rounds
    assertThat(plateau.next(List.of(19_000.0))).isEqualTo(Plateau.Next.LOAD_AGAIN);
    assertThat(plateau.next(List.of(19_000.0, 31_000.0))).isEqualTo(Plateau.Next.LOAD_AGAIN);
    assertThat(plateau.next(List.of(19_000.0, 31_000.0, 41_000.0)))
        .isEqualTo(Plateau.Next.LOAD_AGAIN);
    assertThat(plateau.next(List.of(19_000.0, 31_000.0, 41_000.0, 43_000.0)))
        .isEqualTo(Plateau.Next.REACHED);
    assertThat(Plateau.rate(List.of(19_000.0, 31_000.0, 41_000.0, 43_000.0))).isEqualTo(42_000.0);
  }

  @Test
  void onlyTheLastTwoLoadsCountAndAFallCountsLikeARise() {
    assertThat(plateau.next(List.of(40_000.0, 40_100.0, 30_000.0)))
        .as("an earlier agreement does not make a plateau once the rate moved again")
        .isEqualTo(Plateau.Next.LOAD_AGAIN);
    assertThat(plateau.next(List.of(50_000.0, 47_700.0))).isEqualTo(Plateau.Next.REACHED);
  }

  @Test
  void theToleranceIsMeasuredAgainstTheSmallerLoad() {
    assertThat(plateau.within(100, 105)).isTrue();
    assertThat(plateau.within(105, 100)).isTrue();
    assertThat(plateau.within(100, 105.1)).isFalse();
  }

  @Test
  void givesUpAfterTheCapInsteadOfLoadingForever() {
    assertThat(plateau.next(List.of(10_000.0, 20_000.0, 30_000.0, 40_000.0)))
        .isEqualTo(Plateau.Next.GAVE_UP);
    assertThat(Plateau.rate(List.of(10_000.0))).isNaN();
  }

  @Test
  void aPlateauNeedsTwoLoads() {
    assertThatThrownBy(() -> new Plateau(0.05, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
