package io.tidestream.sim.http;

import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.DataGenerator;
import io.tidestream.sim.data.DataQuery;
import io.tidestream.sim.data.Interval;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.data.Station;
import io.tidestream.sim.data.StationCatalog;
import io.tidestream.sim.data.UnitSystem;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code GET /api/prod/datagetter}: validates parameters in NOAA's way and renders rows. Every
 * problem with a request is an application error: HTTP 200 with NOAA's error JSON.
 */
public final class DataGetterService {

  /** Datum names the datagetter accepts at all; a station offers a subset. */
  public static final Set<String> DATUM_NAMES =
      Set.of("MLLW", "MSL", "MHHW", "MHW", "MTL", "MLW", "NAVD", "STND", "IGLD", "LWD", "CRD");

  private final StationCatalog stations;
  private final DataGenerator generator;
  private final SimulatorClock clock;

  public DataGetterService(StationCatalog stations, DataGenerator generator, SimulatorClock clock) {
    this.stations = stations;
    this.generator = generator;
    this.clock = clock;
  }

  public SimResponse handle(QueryParams params, ApiCall call) {
    return handle(params, call, UnaryOperator.identity());
  }

  /**
   * Like {@link #handle(QueryParams, ApiCall)}, with {@code rowFault} applied to the rows before
   * they are written (a fault that changes a value keeps the rest of the body real).
   */
  public SimResponse handle(
      QueryParams params, ApiCall call, UnaryOperator<List<Map<String, String>>> rowFault) {
    try {
      DataQuery query = parse(params);
      call.window(query.begin(), query.end());
      List<Map<String, String>> rows = rowFault.apply(generator.rows(query, clock.dataNow()));
      String body =
          query.product().isObservation()
              ? NoaaJson.observations(query.station(), rows)
              : NoaaJson.predictions(rows);
      return SimResponse.json(200, body).withRows(rows.size());
    } catch (NoaaApiException e) {
      return SimResponse.json(200, NoaaJson.error(e.getMessage()));
    }
  }

  /** Validates a request the way NOAA does and resolves its window against the simulator clock. */
  public DataQuery parse(QueryParams params) throws NoaaApiException {
    String format = params.get("format");
    if (format != null && !format.equalsIgnoreCase("json")) {
      throw NoaaApiException.wrong(
          "Format", "the simulator serves format=json only, was '" + format + "'");
    }
    String productName = params.get("product");
    if (productName == null) {
      throw NoaaApiException.wrong("Product", "Product cannot be null or empty");
    }
    String normalizedProduct = productName.toLowerCase(Locale.ROOT);
    Product product = Product.fromApiName(normalizedProduct).orElse(null);
    if (product == null && !Product.OTHER_NOAA_PRODUCTS.contains(normalizedProduct)) {
      throw NoaaApiException.wrong("Product", "'" + productName + "' is not a valid product");
    }
    String stationId = params.get("station");
    if (stationId == null) {
      throw NoaaApiException.wrong("Station ID", "Station ID cannot be null or empty");
    }
    Station station =
        stations
            .find(stationId)
            .orElseThrow(
                () ->
                    NoaaApiException.wrong(
                        "Station ID", "No station was found with the ID '" + stationId + "'"));
    if (product == null || !station.offers(product)) {
      throw NoaaApiException.noData();
    }
    String datum = parseDatum(params, product, station);
    UnitSystem units =
        UnitSystem.parse(params.get("units"))
            .orElseThrow(
                () ->
                    NoaaApiException.wrong(
                        "Units",
                        "Units must be metric or english, was '" + params.get("units") + "'"));
    ZoneId zone = parseZone(params.get("time_zone"), station);
    Interval interval =
        Interval.parse(params.get("interval"), product)
            .orElseThrow(
                () ->
                    NoaaApiException.wrong(
                        "Interval",
                        "'"
                            + params.get("interval")
                            + "' is not a valid interval for "
                            + product.apiName()));
    DateSelection.Window window = DateSelection.resolve(params, zone, clock.dataNow());
    Duration span = Duration.between(window.begin(), window.end());
    Duration limit = product.maxSpan(interval);
    if (span.compareTo(limit) > 0) {
      throw NoaaApiException.wrong(
          "Date",
          "Range Limit Exceeded: "
              + product.apiName()
              + (interval.minutes() >= 60 ? " at an hourly interval" : "")
              + " is limited to "
              + limit.toDays()
              + " days per request");
    }
    return new DataQuery(
        station,
        product,
        datum,
        units,
        zone,
        interval,
        window.begin(),
        window.end(),
        window.latestOnly());
  }

  private static String parseDatum(QueryParams params, Product product, Station station)
      throws NoaaApiException {
    String datum = params.get("datum");
    if (!product.needsDatum()) {
      return null;
    }
    if (datum == null) {
      throw NoaaApiException.wrong("Datum", "Datum cannot be null or empty");
    }
    String normalized = datum.toUpperCase(Locale.ROOT);
    if (normalized.equals("NAVD88")) {
      normalized = "NAVD";
    }
    if (!DATUM_NAMES.contains(normalized)) {
      throw NoaaApiException.wrong("Datum", "'" + datum + "' is not a valid datum");
    }
    if (station.datum(normalized).isEmpty()) {
      if (product == Product.PREDICTIONS) {
        throw new NoaaApiException(NoaaApiException.NO_PREDICTIONS_FOR_DATUM);
      }
      throw NoaaApiException.noData();
    }
    return normalized;
  }

  private static ZoneId parseZone(String timeZone, Station station) throws NoaaApiException {
    if (timeZone == null) {
      return ZoneOffset.UTC;
    }
    switch (timeZone.toLowerCase(Locale.ROOT)) {
      case "gmt":
        return ZoneOffset.UTC;
      case "lst":
        return station.standardZone();
      case "lst_ldt":
        return station.localZone();
      default:
        throw NoaaApiException.wrong(
            "Time Zone", "Time zone must be gmt, lst or lst_ldt, was '" + timeZone + "'");
    }
  }
}
