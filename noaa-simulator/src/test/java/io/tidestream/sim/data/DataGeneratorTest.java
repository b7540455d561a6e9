package io.tidestream.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataGeneratorTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final StationCatalog stations = StationCatalog.create(42, 0);
  private final Station seattle = stations.find("9447130").orElseThrow();
  private final DataGenerator generator =
      new DataGenerator(42, 0.02, DataGenerator.DEFAULT_VERIFICATION_LAG);

  @Test
  void bothEndsOfAWindowAreIncluded() throws Exception {
    List<Map<String, String>> rows =
        rows(Product.WATER_LEVEL, "2025-05-01T00:00:00Z", "2025-05-01T01:00:00Z");

    assertThat(rows).hasSize(11);
    assertThat(rows.get(0).get("t")).isEqualTo("2025-05-01 00:00");
    assertThat(rows.get(10).get("t")).isEqualTo("2025-05-01 01:00");
  }

  @Test
  void aWindowStartingBetweenGridPointsStartsAtTheNextSixMinuteMark() throws Exception {
    List<Map<String, String>> rows =
        rows(Product.WATER_LEVEL, "2025-05-01T00:01:00Z", "2025-05-01T00:59:00Z");

    assertThat(rows).extracting(r -> r.get("t")).first().isEqualTo("2025-05-01 00:06");
    assertThat(rows).extracting(r -> r.get("t")).last().isEqualTo("2025-05-01 00:54");
    assertThat(rows).hasSize(9);
  }

  @Test
  void resumingOneMinuteAfterTheLastRowNeitherRepeatsNorSkipsARow() throws Exception {
    List<Map<String, String>> first =
        rows(Product.WATER_LEVEL, "2025-05-01T00:00:00Z", "2025-05-01T06:00:00Z");
    List<Map<String, String>> next =
        rows(Product.WATER_LEVEL, "2025-05-01T06:01:00Z", "2025-05-01T12:00:00Z");
    List<Map<String, String>> whole =
        rows(Product.WATER_LEVEL, "2025-05-01T00:00:00Z", "2025-05-01T12:00:00Z");

    assertThat(first.size() + next.size()).isEqualTo(whole.size()).isEqualTo(121);
    assertThat(next.get(0)).isEqualTo(whole.get(first.size()));
  }

  @Test
  void sixMinuteProductsHave240RowsPerWholeDayAndHourlyOnesTwentyFive() throws Exception {
    assertThat(rows(Product.AIR_PRESSURE, "2025-05-01T00:00:00Z", "2025-05-02T23:59:00Z"))
        .hasSize(480);
    assertThat(rows(Product.HOURLY_HEIGHT, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"))
        .hasSize(25);
    assertThat(
            generator.rows(
                query(Product.WIND, "2025-05-01T00:00:00Z", "2025-05-02T00:00:00Z")
                    .withInterval(Interval.HOURLY),
                NOW))
        .hasSize(25);
  }

  @Test
  void observationsStopAtTheClocksSixMinuteMarkButPredictionsGoOn() throws Exception {
    Instant now = Instant.parse("2025-06-01T12:03:00Z");
    DataQuery observed = query(Product.WATER_LEVEL, "2025-06-01T11:00:00Z", "2025-06-01T14:00:00Z");
    DataQuery predicted =
        query(Product.PREDICTIONS, "2025-06-01T11:00:00Z", "2025-06-01T14:00:00Z");

    assertThat(generator.rows(observed, io.tidestream.sim.clock.SimulatorClock.floorToGrid(now)))
        .extracting(r -> r.get("t"))
        .last()
        .isEqualTo("2025-06-01 12:00");
    assertThat(generator.rows(predicted, now))
        .extracting(r -> r.get("t"))
        .last()
        .isEqualTo("2025-06-01 14:00");
  }

  @Test
  void aWindowEntirelyInTheFutureHasNoObservations() {
    assertThatThrownBy(
            () -> rows(Product.WATER_LEVEL, "2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z"))
        .isInstanceOf(NoaaApiException.class)
        .hasMessage(NoaaApiException.NO_DATA);
  }

  @Test
  void theSameTimestampHasTheSameValueInEveryWindowAndEveryGenerator() throws Exception {
    DataGenerator twin = new DataGenerator(42, 0.02, DataGenerator.DEFAULT_VERIFICATION_LAG);
    List<Map<String, String>> a =
        rows(Product.WIND, "2025-05-01T00:00:00Z", "2025-05-01T12:00:00Z");
    List<Map<String, String>> b =
        twin.rows(query(Product.WIND, "2025-05-01T06:00:00Z", "2025-05-01T18:00:00Z"), NOW);

    assertThat(b.subList(0, 61)).isEqualTo(a.subList(60, 121));
  }

  @Test
  void anotherSeedGivesOtherValues() throws Exception {
    DataGenerator other = new DataGenerator(43, 0.02, DataGenerator.DEFAULT_VERIFICATION_LAG);
    DataQuery q = query(Product.AIR_TEMPERATURE, "2025-05-01T00:00:00Z", "2025-05-01T12:00:00Z");

    assertThat(other.rows(q, NOW)).isNotEqualTo(generator.rows(q, NOW));
  }

  @Test
  void gapRowsAppearAtTheConfiguredRateWithEmptyValuesAndAllFlagsSet() throws Exception {
    List<Map<String, String>> month =
        rows(Product.WATER_LEVEL, "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z");
    List<Map<String, String>> gaps = month.stream().filter(r -> r.get("v").isEmpty()).toList();

    assertThat(gaps.size()).isBetween(month.size() / 100, month.size() * 3 / 100);
    assertThat(gaps)
        .allSatisfy(
            r -> {
              assertThat(r.get("s")).isEmpty();
              assertThat(r.get("f")).isEqualTo("1,1,1,1");
            });
    DataGenerator noGaps = new DataGenerator(42, 0.0, DataGenerator.DEFAULT_VERIFICATION_LAG);
    assertThat(
            noGaps.rows(
                query(Product.WATER_LEVEL, "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z"), NOW))
        .noneMatch(r -> r.get("v").isEmpty());
  }

  @Test
  void observationsArePreliminaryForAMonthThenVerifiedWithTheSameTimestamp() throws Exception {
    DataQuery q = query(Product.WATER_LEVEL, "2025-05-20T00:00:00Z", "2025-05-20T00:00:00Z");

    Map<String, String> preliminary = generator.rows(q, NOW).get(0);
    Map<String, String> verified = generator.rows(q, NOW.plus(Duration.ofDays(31))).get(0);

    assertThat(preliminary.get("q")).isEqualTo("p");
    assertThat(verified.get("q")).isEqualTo("v");
    assertThat(verified.get("t")).isEqualTo(preliminary.get("t"));
  }

  @Test
  void hourlyHeightAndHighLowAreVerifiedProductsOnly() {
    assertThatThrownBy(
            () -> rows(Product.HOURLY_HEIGHT, "2025-05-25T00:00:00Z", "2025-05-26T00:00:00Z"))
        .hasMessage(NoaaApiException.NO_DATA);
    assertThatThrownBy(() -> rows(Product.HIGH_LOW, "2025-05-25T00:00:00Z", "2025-05-26T00:00:00Z"))
        .hasMessage(NoaaApiException.NO_DATA);
  }

  @Test
  void highLowRowsAlternateAndNameTheHigherHighAndLowerLow() throws Exception {
    List<Map<String, String>> rows =
        rows(Product.HIGH_LOW, "2025-03-01T00:00:00Z", "2025-03-03T23:59:00Z");

    assertThat(rows).hasSizeBetween(10, 13);
    assertThat(rows)
        .extracting(r -> r.get("ty"))
        .containsAnyOf("HH")
        .containsAnyOf("LL")
        .allMatch(ty -> List.of("HH", "H", "L", "LL").contains(ty));
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).get("ty").charAt(0)).isNotEqualTo(rows.get(i - 1).get("ty").charAt(0));
    }
  }

  @Test
  void datumsUnitsAndTimeZonesShiftValuesAndTimestampsConsistently() throws Exception {
    DataQuery mllw = query(Product.PREDICTIONS, "2025-05-01T00:00:00Z", "2025-05-01T00:00:00Z");
    double metresMllw = Double.parseDouble(generator.rows(mllw, NOW).get(0).get("v"));
    double metresMsl =
        Double.parseDouble(generator.rows(mllw.withDatum("MSL"), NOW).get(0).get("v"));
    double feet =
        Double.parseDouble(generator.rows(mllw.withUnits(UnitSystem.ENGLISH), NOW).get(0).get("v"));
    DataQuery local =
        new DataQuery(
            seattle,
            Product.PREDICTIONS,
            "MLLW",
            UnitSystem.METRIC,
            ZoneId.of("America/Los_Angeles"),
            Interval.SIX_MINUTES,
            mllw.begin(),
            mllw.end(),
            false);

    assertThat(metresMllw - metresMsl)
        .isCloseTo((14.58 - 7.94) * 0.3048, org.assertj.core.data.Offset.offset(0.002));
    assertThat(feet).isCloseTo(metresMllw / 0.3048, org.assertj.core.data.Offset.offset(0.002));
    assertThat(generator.rows(local, NOW).get(0).get("t")).isEqualTo("2025-04-30 17:00");
  }

  @Test
  void numbersAreFormattedAsNoaaWritesThem() {
    assertThat(Formats.trimmed(0.34, 3)).isEqualTo("0.34");
    assertThat(Formats.trimmed(1.0, 3)).isEqualTo("1.0");
    assertThat(Formats.trimmed(-0.2144, 3)).isEqualTo("-0.214");
    assertThat(Formats.trimmed(-0.0001, 3)).isEqualTo("0.0");
    assertThat(Formats.fixed(313, 1)).isEqualTo("313.0");
    assertThat(Formats.fixed(-0.05, 3)).isEqualTo("-0.050");
    assertThat(DataGenerator.compass(0)).isEqualTo("N");
    assertThat(DataGenerator.compass(313)).isEqualTo("NW");
    assertThat(DataGenerator.compass(154)).isEqualTo("SSE");
  }

  private List<Map<String, String>> rows(Product product, String begin, String end)
      throws NoaaApiException {
    return generator.rows(query(product, begin, end), NOW);
  }

  private DataQuery query(Product product, String begin, String end) {
    return DataQuery.of(seattle, product, Instant.parse(begin), Instant.parse(end));
  }
}
