package io.tidestream.sim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.sim.data.NoaaApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateSelectionTest {

  private static final Instant NOW = Instant.parse("2025-06-15T10:24:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {"20150101 13:30", "20150101+13:30", "01/01/2015 13:30", "01/01/2015+13:30"})
  void dateTimeFormatsAllMeanTheSameMinute(String begin) throws Exception {
    DateSelection.Window w = resolve("begin_date=" + begin + "&end_date=20150102 00:00");

    assertThat(w.begin()).isEqualTo(Instant.parse("2015-01-01T13:30:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"20150101", "01/01/2015"})
  void dateOnlyBeginIsMidnight(String begin) throws Exception {
    assertThat(resolve("begin_date=" + begin + "&end_date=20150101 06:00").begin())
        .isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"20150102", "01/02/2015"})
  void dateOnlyEndCoversTheWholeEndDay(String end) throws Exception {
    assertThat(resolve("begin_date=20150101&end_date=" + end).end())
        .isEqualTo(Instant.parse("2015-01-02T23:59:00Z"));
  }

  @Test
  void beginPlusRangeCountsHoursForward() throws Exception {
    DateSelection.Window w = resolve("begin_date=20150101 06:00&range=24");

    assertThat(w.begin()).isEqualTo(Instant.parse("2015-01-01T06:00:00Z"));
    assertThat(w.end()).isEqualTo(Instant.parse("2015-01-02T06:00:00Z"));
  }

  @Test
  void endPlusRangeCountsHoursBack() throws Exception {
    DateSelection.Window w = resolve("end_date=20150102 06:00&range=6");

    assertThat(w.begin()).isEqualTo(Instant.parse("2015-01-02T00:00:00Z"));
    assertThat(w.end()).isEqualTo(Instant.parse("2015-01-02T06:00:00Z"));
  }

  @Test
  void rangeAloneCountsBackFromNow() throws Exception {
    DateSelection.Window w = resolve("range=3");

    assertThat(w.begin()).isEqualTo(NOW.minusSeconds(3 * 3600));
    assertThat(w.end()).isEqualTo(NOW);
  }

  @Test
  void dateLatestTodayAndRecentAreRelativeToNow() throws Exception {
    assertThat(resolve("date=latest"))
        .isEqualTo(new DateSelection.Window(NOW.minusSeconds(18 * 60), NOW, true));
    assertThat(resolve("date=recent"))
        .isEqualTo(new DateSelection.Window(NOW.minusSeconds(72 * 3600), NOW, false));
    assertThat(resolve("date=today"))
        .isEqualTo(
            new DateSelection.Window(
                Instant.parse("2025-06-15T00:00:00Z"),
                Instant.parse("2025-06-15T23:59:00Z"),
                false));
  }

  @Test
  void datesAreReadInTheRequestedTimeZone() throws Exception {
    DateSelection.Window w =
        DateSelection.resolve(
            QueryParams.parse("begin_date=20150101&end_date=20150101"),
            ZoneId.of("America/Los_Angeles"),
            NOW);

    assertThat(w.begin()).isEqualTo(Instant.parse("2015-01-01T08:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "begin_date=2015-01-01&end_date=20150102| Wrong Begin Date: The Begin Date '2015-01-01' is"
            + " invalid",
        "begin_date=20150101&end_date=20150132| Wrong End Date: The End Date '20150132' is invalid",
        "begin_date=20150101 25:00&end_date=20150102| Wrong Begin Date:",
        "begin_date=20150101| Wrong Date:",
        "end_date=20150101| Wrong Date:",
        "station=9447130| Wrong Date:",
        "begin_date=20150102&end_date=20150101 12:00| Wrong Date: The End Date must be later",
        "range=abc| Wrong Range:",
        "range=-5| Wrong Range:",
        "date=yesterday| Wrong Date:"
      })
  void invalidDateSelectionsAreRefusedInNoaasWords(String query, String messageStart) {
    assertThatThrownBy(() -> resolve(query))
        .isInstanceOf(NoaaApiException.class)
        .hasMessageStartingWith(messageStart);
  }

  private static DateSelection.Window resolve(String query) throws NoaaApiException {
    return DateSelection.resolve(QueryParams.parse(query.replace(' ', '+')), ZoneOffset.UTC, NOW);
  }
}
