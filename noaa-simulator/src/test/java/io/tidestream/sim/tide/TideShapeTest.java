package io.tidestream.sim.tide;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.sim.data.Station;
import io.tidestream.sim.data.StationCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulated tide looks like a tide: two a lunar day, unequal, with a spring-neap cycle. */
class TideShapeTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  private final StationCatalog catalog = StationCatalog.create(42, 0);

  // Not Neah Bay: its strong diurnal tide merges the smaller high into the low on some days.
  @ParameterizedTest
  @ValueSource(strings = {"8724580", "9447130", "8454000", "9497645"})
  void highsComeEveryHalfLunarDayOnAverage(String stationId) {
    List<Extreme> highs = highs(stationId, START, Duration.ofDays(29));

    double hours =
        Duration.between(highs.get(0).time(), highs.get(highs.size() - 1).time()).toMinutes()
            / 60.0
            / (highs.size() - 1);
    assertThat(hours).isBetween(12.2, 12.6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8724580", "9447130"})
  void threeDaysHaveTwoUnequalHighsADay(String stationId) {
    List<Extreme> highs = highs(stationId, START, Duration.ofDays(3));

    assertThat(highs).hasSizeBetween(5, 6);
    for (int i = 0; i + 1 < highs.size(); i += 2) {
      double inequality = Math.abs(highs.get(i).height() - highs.get(i + 1).height());
      assertThat(inequality)
          .as("diurnal inequality at %s", highs.get(i).time())
          .isGreaterThan(0.03);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"8724580", "9447130", "8454000"})
  void springRangesExceedNeapRanges(String stationId) {
    Station station = catalog.find(stationId).orElseThrow();
    double largest = 0;
    double smallest = Double.MAX_VALUE;
    for (int day = 0; day < 29; day++) {
      Instant from = START.plus(Duration.ofDays(day));
      List<Extreme> extremes =
          Extremes.find(station.tideModel()::heightAboveMsl, from, from.plus(Duration.ofDays(1)));
      double hi =
          extremes.stream().filter(Extreme::high).mapToDouble(Extreme::height).max().orElseThrow();
      double lo =
          extremes.stream().filter(e -> !e.high()).mapToDouble(Extreme::height).min().orElseThrow();
      largest = Math.max(largest, hi - lo);
      smallest = Math.min(smallest, hi - lo);
    }
    assertThat(largest).isGreaterThan(smallest * 1.3);
  }

  private List<Extreme> highs(String stationId, Instant from, Duration span) {
    Station station = catalog.find(stationId).orElseThrow();
    return Extremes.find(station.tideModel()::heightAboveMsl, from, from.plus(span)).stream()
        .filter(Extreme::high)
        .toList();
  }
}
