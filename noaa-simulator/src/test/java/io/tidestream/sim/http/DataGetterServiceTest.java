package io.tidestream.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.DataGenerator;
import io.tidestream.sim.data.StationCatalog;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Range limits and application errors: NOAA answers them with HTTP 200 and an error object. */
class DataGetterServiceTest {

  private final DataGetterService service =
      new DataGetterService(
          StationCatalog.create(42, 0),
          new DataGenerator(42, 0.0, DataGenerator.DEFAULT_VERIFICATION_LAG),
          SimulatorClock.pinned(Instant.parse("2025-06-01T00:00:00Z")));

  @ParameterizedTest(name = "{0} {1}: {2} to {3} is allowed")
  @CsvSource({
    "water_level, ,       20150101 00:00, 20150201 00:00",
    "wind, 6,             20150101 00:00, 20150201 00:00",
    "air_temperature, ,   20150101 00:00, 20150201 00:00",
    "water_temperature, , 20150101 00:00, 20150201 00:00",
    "air_pressure, ,      20150101 00:00, 20150201 00:00",
    "air_pressure, h,     20150101 00:00, 20160102 00:00",
    "hourly_height, ,     20150101 00:00, 20160102 00:00",
    "high_low, ,          20150101 00:00, 20160102 00:00",
    "predictions, ,       20150101 00:00, 20160102 00:00",
    "predictions, hilo,   20150101 00:00, 20160102 00:00"
  })
  void aWindowAsWideAsTheProductsLimitIsServed(
      String product, String interval, String begin, String end) {
    SimResponse response = service.handle(params(product, interval, begin, end), new ApiCall());

    assertThat(body(response)).doesNotContain("error");
    assertThat(response.rows()).isPositive();
  }

  @ParameterizedTest(name = "{0} {1}: {2} to {3} exceeds the limit")
  @CsvSource({
    "water_level, ,       20150101 00:00, 20150201 00:01",
    "water_level, ,       20150101,       20150201",
    "wind, 6,             20150101 00:00, 20150201 00:01",
    "air_temperature, ,   20150101 00:00, 20150201 00:01",
    "water_temperature, , 20150101 00:00, 20150201 00:01",
    "air_pressure, ,      20150101 00:00, 20150201 00:01",
    "air_pressure, h,     20150101 00:00, 20160102 00:01",
    "hourly_height, ,     20150101 00:00, 20160102 00:01",
    "high_low, ,          20150101 00:00, 20160102 00:01",
    "predictions, ,       20150101 00:00, 20160102 00:01"
  })
  void aWindowOneMinuteWiderThanTheLimitGetsNoaasRangeError(
      String product, String interval, String begin, String end) {
    SimResponse response = service.handle(params(product, interval, begin, end), new ApiCall());

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response))
        .startsWith("{\"error\": {\"message\":\" Wrong Date: Range Limit Exceeded");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "station=1234567&product=water_level&datum=MLLW&date=today| Wrong Station ID:",
        "product=water_level&datum=MLLW&date=today| Wrong Station ID: Station ID cannot be null or"
            + " empty",
        "station=9447130&datum=MLLW&date=today| Wrong Product: Product cannot be null or empty",
        "station=9447130&product=tides&datum=MLLW&date=today| Wrong Product:",
        "station=9447130&product=daily_mean&datum=MLLW&date=today|No data was found.",
        "station=9447130&product=water_level&date=today| Wrong Datum: Datum cannot be null or"
            + " empty",
        "station=9447130&product=water_level&datum=XYZ&date=today| Wrong Datum:",
        "station=9497645&product=predictions&datum=NAVD&date=today|"
            + "No Predictions data was found. Please make sure the Datum input is valid.",
        "station=9497645&product=water_level&datum=NAVD&date=today|No data was found.",
        "station=9447130&product=water_level&datum=MLLW&date=today&units=imperial| Wrong Units:",
        "station=9447130&product=water_level&datum=MLLW&date=today&time_zone=pst| Wrong Time Zone:",
        "station=9447130&product=water_level&datum=MLLW&date=today&format=xml| Wrong Format:",
        "station=9447130&product=wind&date=today&interval=15| Wrong Interval:",
        "station=9447130&product=predictions&datum=MLLW&date=today&interval=7| Wrong Interval:"
      })
  void invalidRequestsGetNoaaErrorJsonWithStatus200(String query, String message) {
    SimResponse response = service.handle(QueryParams.parse(query), new ApiCall());

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response)).startsWith("{\"error\": {\"message\":\"" + message);
  }

  private static QueryParams params(String product, String interval, String begin, String end) {
    String query =
        "station=9447130&product="
            + product
            + "&datum=MLLW&format=json&begin_date="
            + begin
            + "&end_date="
            + end
            + (interval == null ? "" : "&interval=" + interval);
    return QueryParams.parse(query.replace(' ', '+'));
  }

  private static String body(SimResponse response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
