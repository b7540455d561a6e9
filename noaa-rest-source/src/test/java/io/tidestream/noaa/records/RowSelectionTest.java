package io.tidestream.noaa.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.plan.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSelectionTest {

  static final Instant WM = Instant.parse("2026-01-09T22:59:00Z");
  static final Window DATA =
      new Window(
          Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-09T23:30:00Z"), false);

  private static Observation row(String time, String quality) {
    return new Observation(
        Instant.parse("2026-01-09T" + time + ":00Z"),
        1.0,
        null,
        "0,0,0,0",
        quality,
        null,
        null,
        null,
        null,
        null);
  }

  private static Observation row(String time) {
    return row(time, "preliminary");
  }

  private static List<String> times(RowSelection.Selected s) {
    return s.rows().stream().map(o -> o.time().toString().substring(11, 16)).toList();
  }

  @Test
  void deliversTheRowsOfTheWindowInOrder() {
    RowSelection.Selected s =
        RowSelection.select(DATA, WM, null, List.of(row("23:00"), row("23:06"), row("23:12")));

    assertThat(times(s)).containsExactly("23:00", "23:06", "23:12");
    assertThat(s.revisionComplete()).isTrue();
  }

  @Test
  void aRowSentTwiceInOneAnswerIsSelectedOnce() {
    RowSelection.Selected s =
        RowSelection.select(
            DATA, WM, null, List.of(row("23:00"), row("23:06"), row("23:06"), row("23:12")));

    assertThat(times(s)).containsExactly("23:00", "23:06", "23:12");
  }

  @Test
  void aRowOlderThanOneAlreadySelectedIsNotSelectedBehindIt() {
    RowSelection.Selected s =
        RowSelection.select(
            DATA, WM, null, List.of(row("23:00"), row("23:12"), row("23:06"), row("23:18")));

    assertThat(times(s)).containsExactly("23:00", "23:12", "23:18");
  }

  @Test
  void rowsAtOrBeforeTheWatermarkAreNotSelectedEvenInsideTheWindow() {
    // a window that reaches back before the watermark (e.g. a range NOAA widened)
    Window wide = new Window(Instant.parse("2026-01-09T22:00:00Z"), DATA.end(), false);

    RowSelection.Selected s =
        RowSelection.select(
            wide,
            Instant.parse("2026-01-09T23:06:00Z"),
            null,
            List.of(row("23:00"), row("23:06"), row("23:12")));

    assertThat(times(s)).containsExactly("23:12");
  }

  @Test
  void rowsOutsideTheWindowAreNotSelected() {
    RowSelection.Selected s =
        RowSelection.select(
            DATA, WM, null, List.of(row("22:54"), row("23:00"), row("23:30"), row("23:36")));

    assertThat(times(s)).containsExactly("23:00", "23:30");
  }

  @Test
  void revisionsSelectVerifiedRowsAfterTheVerifiedWatermarkUpToTheWatermark() {
    Window rev =
        new Window(
            Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-09T23:30:00Z"), true);

    RowSelection.Selected s =
        RowSelection.select(
            rev,
            Instant.parse("2026-01-09T23:12:00Z"),
            Instant.parse("2026-01-09T23:00:00Z"),
            List.of(
                row("23:00", "verified"),
                row("23:06", "verified"),
                row("23:12", "verified"),
                row("23:18", "verified")));

    assertThat(times(s)).containsExactly("23:06", "23:12");
    assertThat(s.revisionComplete()).isTrue();
  }

  @Test
  void revisionsSkipGapRowsAndStopAtTheFirstPreliminaryRow() {
    Window rev =
        new Window(
            Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-09T23:30:00Z"), true);

    RowSelection.Selected s =
        RowSelection.select(
            rev,
            Instant.parse("2026-01-09T23:30:00Z"),
            null,
            List.of(
                row("23:00", "verified"),
                row("23:06", null),
                row("23:12", "verified"),
                row("23:18", "preliminary"),
                row("23:24", "verified")));

    assertThat(times(s)).containsExactly("23:00", "23:12");
    assertThat(s.revisionComplete()).isFalse();
  }

  @Test
  void revisionsDoNotSelectAVerifiedRowTwiceInOneAnswer() {
    Window rev =
        new Window(
            Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-09T23:30:00Z"), true);

    RowSelection.Selected s =
        RowSelection.select(
            rev,
            Instant.parse("2026-01-09T23:30:00Z"),
            null,
            List.of(row("23:00", "verified"), row("23:00", "verified")));

    assertThat(times(s)).containsExactly("23:00");
  }
}
