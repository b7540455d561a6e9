package io.tidestream.noaa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.NoaaProduct;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The planner alone: it returns values and never changes the unit it is asked about. */
class PlannerTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final UnitId WL = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);
  static final UnitId PRED = new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "6");

  /** Safety lag 3 min, lateness 1 h, horizon 2 days, revisions over 45 days every 6 h. */
  private final Planner planner =
      new Planner(
          Duration.ofMinutes(3),
          Duration.ofHours(1),
          Duration.ofDays(2),
          Duration.ofDays(45),
          Duration.ofHours(6));

  private final Planner noRevisions =
      new Planner(
          Duration.ofMinutes(3),
          Duration.ofHours(1),
          Duration.ofDays(2),
          Duration.ZERO,
          Duration.ofHours(6));

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  @Test
  void theInitialWatermarkIsAMinuteBeforeTheStartOnAWholeMinute() {
    assertThat(Planner.initialWatermark(at("2026-01-08T00:00:30Z")))
        .isEqualTo(at("2026-01-07T23:59:00Z"));
  }

  @Test
  void theNextWindowBeginsAMinuteAfterTheWatermarkAndEndsAtTheSafetyLag() {
    UnitState s = new UnitState(WL, at("2026-01-09T23:00:00Z"), null, NOW);

    Planner.Next next = noRevisions.next(s, NOW);

    assertThat(next.window())
        .isEqualTo(new Window(at("2026-01-09T23:01:00Z"), at("2026-01-09T23:57:00Z"), false));
    assertThat(next.revisionsDueAgain()).isNull();
  }

  @Test
  void aCaughtUpUnitRestartedBeforeItsNextSampleAsksForNothingUntilThatSampleCanExist() {
    // the last row sent was 23:54; a restart at 00:00:30 makes the unit due at once, but the
    // next six-minute sample (00:00) can be asked for only from 00:03 (safety lag)
    UnitState s = new UnitState(WL, at("2026-01-09T23:54:00Z"), null, NOW);
    Instant restart = NOW.plusSeconds(30);

    assertThat(noRevisions.next(s, restart).request()).isEmpty();
    assertThat(noRevisions.idleUntil(s, restart)).isEqualTo(at("2026-01-10T00:03:00Z"));
    assertThat(noRevisions.next(s, at("2026-01-10T00:03:00Z")).window())
        .isEqualTo(new Window(at("2026-01-09T23:55:00Z"), at("2026-01-10T00:00:00Z"), false));
  }

  @Test
  void predictionsAreAskedForWhateverTheirCadence() {
    UnitState s = new UnitState(PRED, NOW.plus(Duration.ofDays(2)).minusSeconds(60), null, NOW);

    assertThat(noRevisions.next(s, NOW.plusSeconds(60)).window())
        .isEqualTo(
            new Window(
                NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(2)).plusSeconds(60), false));
  }

  @Test
  void aWindowNeverSpansMoreThanTheProductAllows() {
    UnitState s = new UnitState(WL, at("2025-10-01T00:00:00Z"), null, NOW);

    Window w = noRevisions.next(s, NOW).window();

    assertThat(Duration.between(w.begin(), w.end()))
        .isEqualTo(WL.maxSpan().minus(Duration.ofMinutes(1)));
  }

  @Test
  void nothingIsAskedForBeforeTheNextMinuteExists() {
    UnitState s = new UnitState(WL, at("2026-01-09T23:57:00Z"), null, NOW);

    assertThat(noRevisions.next(s, NOW).request()).isEmpty();
  }

  @Test
  void predictionsRunAheadToTheHorizon() {
    UnitState s = new UnitState(PRED, at("2026-01-10T00:00:00Z"), null, NOW);

    assertThat(planner.next(s, NOW).window().end()).isEqualTo(NOW.plus(Duration.ofDays(2)));
  }

  @Test
  void dueRevisionsComeFirstFromTheVerifiedWatermarkUpToTheWatermark() {
    UnitState s = new UnitState(WL, at("2026-01-09T12:00:00Z"), at("2026-01-09T00:00:00Z"), NOW);

    Planner.Next next = planner.next(s, NOW);

    assertThat(next.window())
        .isEqualTo(new Window(at("2026-01-09T00:01:00Z"), at("2026-01-09T12:00:00Z"), true));
  }

  @Test
  void revisionsWithNothingToReviseAreDueAgainAfterTheIntervalAndTheDataWindowIsAsked() {
    Instant wm = at("2026-01-09T12:00:00Z");
    UnitState s = new UnitState(WL, wm, wm, NOW);

    Planner.Next next = planner.next(s, NOW);

    assertThat(next.revisionsDueAgain()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(next.window().revision()).isFalse();
    assertThat(s.nextRevisionDue()).as("the planner changes nothing").isEqualTo(NOW);
  }

  @Test
  void onlyWaterLevelProductsAreRevisedAndOnlyWhenAWindowIsSet() {
    assertThat(planner.revises(WL)).isTrue();
    assertThat(planner.revises(PRED)).isFalse();
    assertThat(planner.revises(new UnitId("9447130", NoaaProduct.AIR_GAP, "MLLW", null))).isFalse();
    assertThat(noRevisions.revises(WL)).isFalse();
  }

  @Test
  void aCaughtUpUnitIsDueWhenItsNextSampleCanExistOrACadenceFromNowWhenLate() {
    assertThat(planner.idleUntil(WL, at("2026-01-09T23:57:00Z"), NOW))
        .isEqualTo(at("2026-01-10T00:06:00Z"));
    assertThat(planner.idleUntil(WL, at("2026-01-09T20:00:00Z"), NOW))
        .isEqualTo(NOW.plus(WL.cadence()));
    assertThat(planner.idleUntil(PRED, at("2026-01-12T00:00:00Z"), NOW))
        .isEqualTo(NOW.plus(Planner.PREDICTIONS_REFRESH));
  }

  @Test
  void afterRowsAUnitWithABacklogIsDueAtOnceElseWhenIdle() {
    UnitState s = new UnitState(WL, at("2026-01-05T00:00:00Z"), null, NOW);
    Window behind = new Window(at("2026-01-04T00:00:00Z"), at("2026-01-05T00:00:00Z"), false);
    UnitState caughtUp = new UnitState(WL, at("2026-01-09T23:54:00Z"), null, NOW);
    Window last = new Window(at("2026-01-09T23:01:00Z"), at("2026-01-09T23:57:00Z"), false);

    assertThat(planner.dueAfterRows(s, behind, NOW)).isEqualTo(NOW);
    assertThat(planner.dueAfterRows(caughtUp, last, NOW)).isEqualTo(at("2026-01-10T00:03:00Z"));
  }

  @Test
  void anEmptyWindowIsMovedPastOnlyWhenOlderThanTheLateness() {
    UnitState s = new UnitState(WL, at("2026-01-09T20:00:00Z"), null, NOW);
    Window old = new Window(at("2026-01-09T20:01:00Z"), at("2026-01-09T22:30:00Z"), false);
    Window recent = new Window(at("2026-01-09T20:01:00Z"), at("2026-01-09T23:57:00Z"), false);

    Planner.Empty pastOld = planner.afterEmpty(s, old, NOW);
    Planner.Empty heldRecent = planner.afterEmpty(s, recent, NOW);

    assertThat(pastOld.movePast()).isTrue();
    assertThat(pastOld.due()).as("a backlog remains after the old window").isEqualTo(NOW);
    assertThat(heldRecent.movePast()).isFalse();
    assertThat(heldRecent.due()).isEqualTo(NOW.plus(WL.cadence()));
    assertThat(planner.settles(old, NOW)).isTrue();
    assertThat(planner.settles(recent, NOW)).isFalse();
    assertThat(planner.settles(new Window(old.begin(), old.end(), true), NOW))
        .as("a revisions window never moves the watermark")
        .isFalse();
  }

  @Test
  void revisionsContinueAtOnceOnlyWhenTheWholeWindowWasVerifiedAndMoreRemains() {
    UnitState s = new UnitState(WL, at("2026-01-09T12:00:00Z"), null, NOW);
    Window part = new Window(at("2026-01-01T00:00:00Z"), at("2026-01-05T00:00:00Z"), true);
    Window toWatermark = new Window(part.begin(), at("2026-01-09T12:00:00Z"), true);

    assertThat(planner.revisionsDueAfter(s, part, NOW, true)).isEqualTo(NOW);
    assertThat(planner.revisionsDueAfter(s, part, NOW, false))
        .isEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(planner.revisionsDueAfter(s, toWatermark, NOW, true))
        .isEqualTo(NOW.plus(Duration.ofHours(6)));
  }

  @Test
  void aRefusedSpanIsHalvedOnWholeMinutesDownToOneHour() {
    assertThat(Planner.halved(Duration.ofDays(31))).contains(Duration.ofMinutes(31 * 24 * 30));
    assertThat(Planner.halved(Duration.ofMinutes(61))).contains(Planner.MIN_SPAN);
    assertThat(Planner.halved(Duration.ofMinutes(90))).contains(Planner.MIN_SPAN);
    assertThat(Planner.halved(Planner.MIN_SPAN)).isEmpty();
  }
}
