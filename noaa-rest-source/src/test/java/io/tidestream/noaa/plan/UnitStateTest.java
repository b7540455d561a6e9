package io.tidestream.noaa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.offsets.UnitOffset;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitStateTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final UnitId WL = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);
  static final Window DATA =
      new Window(
          Instant.parse("2026-01-09T23:01:00Z"), Instant.parse("2026-01-09T23:57:00Z"), false);

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  @Test
  void aDeliveredRowMovesTheWatermarkAndTheOffsetThatTravelsWithTheNextRecord() {
    UnitState s = new UnitState(WL, at("2026-01-09T23:00:00Z"), null, NOW);

    s.delivered(DATA, at("2026-01-09T23:06:00Z"), false, false);

    assertThat(s.watermark()).isEqualTo(at("2026-01-09T23:06:00Z"));
    assertThat(s.offset()).isEqualTo(new UnitOffset(at("2026-01-09T23:06:00Z"), null));
  }

  @Test
  void aSettledRowMovesTheVerifiedWatermarkOnlyWhileItIsContiguous() {
    Instant wm = at("2026-01-09T23:00:00Z");
    UnitState contiguous = new UnitState(WL, wm, wm, NOW);
    UnitState behind = new UnitState(WL, wm, at("2026-01-09T12:00:00Z"), NOW);

    contiguous.delivered(DATA, at("2026-01-09T23:06:00Z"), true, true);
    behind.delivered(DATA, at("2026-01-09T23:06:00Z"), true, true);
    contiguous.delivered(DATA, at("2026-01-09T23:12:00Z"), false, true);

    assertThat(contiguous.verifiedWatermark()).isEqualTo(at("2026-01-09T23:06:00Z"));
    assertThat(behind.verifiedWatermark()).isEqualTo(at("2026-01-09T12:00:00Z"));
  }

  @Test
  void aRevisedRowMovesOnlyTheVerifiedWatermark() {
    UnitState s = new UnitState(WL, at("2026-01-09T23:00:00Z"), at("2026-01-09T12:00:00Z"), NOW);

    s.delivered(
        new Window(at("2026-01-09T12:01:00Z"), at("2026-01-09T23:00:00Z"), true),
        at("2026-01-09T12:06:00Z"),
        true,
        true);

    assertThat(s.verifiedWatermark()).isEqualTo(at("2026-01-09T12:06:00Z"));
    assertThat(s.watermark()).isEqualTo(at("2026-01-09T23:00:00Z"));
  }

  @Test
  void anEmptyWindowMovesPastOrHoldsAsThePlannerSaid() {
    Instant wm = at("2026-01-09T20:00:00Z");
    UnitState moved = new UnitState(WL, wm, wm, NOW);
    UnitState held = new UnitState(WL, wm, null, NOW);
    Window w = new Window(at("2026-01-09T20:01:00Z"), at("2026-01-09T22:00:00Z"), false);

    moved.emptyAnswered(w, new Planner.Empty(true, NOW));
    held.emptyAnswered(w, new Planner.Empty(false, NOW.plusSeconds(360)));

    assertThat(moved.watermark()).isEqualTo(w.end());
    assertThat(moved.verifiedWatermark()).as("contiguous: moves along").isEqualTo(w.end());
    assertThat(moved.nextDue()).isEqualTo(NOW);
    assertThat(held.watermark()).isEqualTo(wm);
    assertThat(held.nextDue()).isEqualTo(NOW.plusSeconds(360));
  }

  @Test
  void anAnswerEndsTheFailureStreakTheStrikesAndTheQuarantine() {
    UnitState s = new UnitState(WL, at("2026-01-09T20:00:00Z"), null, NOW);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.parameterStrike("DATUM")).isEqualTo(1);
    s.quarantine(NOW.plusSeconds(60));

    s.rowsAnswered(NOW);

    assertThat(s.failures()).isZero();
    assertThat(s.quarantined()).isFalse();
    assertThat(s.strikeIfRepeated("DATUM")).isEqualTo(1);
  }

  @Test
  void strikesCountTheSameErrorInARowAndTheirPreviewChangesNothing() {
    UnitState s = new UnitState(WL, at("2026-01-09T20:00:00Z"), null, NOW);

    assertThat(s.strikeIfRepeated("A")).isEqualTo(1);
    assertThat(s.parameterStrike("A")).isEqualTo(1);
    assertThat(s.strikeIfRepeated("A")).isEqualTo(2);
    assertThat(s.strikeIfRepeated("A")).isEqualTo(2);
    assertThat(s.parameterStrike("A")).isEqualTo(2);
    assertThat(s.strikeIfRepeated("B")).isEqualTo(1);
    assertThat(s.parameterStrike("B")).isEqualTo(1);
  }

  @Test
  void narrowingSetsTheSpanAndAsksAgainAtOnce() {
    UnitState s = new UnitState(WL, at("2026-01-09T20:00:00Z"), null, NOW.minusSeconds(60));

    s.narrow(Duration.ofDays(15), NOW);

    assertThat(s.span()).isEqualTo(Duration.ofDays(15));
    assertThat(s.nextDue()).isEqualTo(NOW);
  }

  @Test
  void aRevisionsAnswerSetsWhenRevisionsAreDueAndTheDataIsDueAtOnce() {
    UnitState s = new UnitState(WL, at("2026-01-09T20:00:00Z"), null, NOW.minusSeconds(60));

    s.revisionsAnswered(NOW.plusSeconds(3600), NOW);

    assertThat(s.nextRevisionDue()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(s.nextDue()).isEqualTo(NOW);
  }
}
