package io.tidestream.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a source backfill's requests from the simulator's request log against the minimum. Pure:
 * the log and the plan come in, a {@link BackfillResult} goes out.
 *
 * <p>The minimum of a unit (station x product) is {@code ceil(minutes from its start to its
 * catch-up point, both ends inclusive / minutes of NOAA's widest window for the product)}. The
 * start is the first window's begin (the source resolves {@code noaa.start=P30D} when its task
 * starts); the catch-up point is the newest time the source could ask for when the connector was
 * created: then minus the safety lag for observations, then plus the predictions horizon for
 * predictions. A unit's backfill requests are its data requests up to and including the first that
 * reaches its catch-up point; what follows is tailing (new data). A repeat is a data request whose
 * window begins at or before the begin of an earlier request of the same unit: normal progress
 * always begins after the last row already received. Requests to the metadata API (validation, the
 * station list at start) are counted apart.
 */
final class BackfillCount {

  /** NOAA's widest window per request (docs: the NOAA API reference), by product. */
  static final Map<String, Duration> WIDEST =
      Map.ofEntries(
          Map.entry("water_level", Duration.ofDays(31)),
          Map.entry("one_minute_water_level", Duration.ofDays(4)),
          Map.entry("hourly_height", Duration.ofDays(365)),
          Map.entry("high_low", Duration.ofDays(365)),
          Map.entry("predictions", Duration.ofDays(365)),
          Map.entry("wind", Duration.ofDays(31)),
          Map.entry("air_temperature", Duration.ofDays(31)),
          Map.entry("water_temperature", Duration.ofDays(31)),
          Map.entry("air_pressure", Duration.ofDays(31)),
          Map.entry("humidity", Duration.ofDays(31)),
          Map.entry("conductivity", Duration.ofDays(31)),
          Map.entry("salinity", Duration.ofDays(31)),
          Map.entry("visibility", Duration.ofDays(31)),
          Map.entry("air_gap", Duration.ofDays(31)));

  /** One request as the simulator logged it (its arrival time, path, unit and resolved window). */
  record Logged(
      Instant arrived, String path, String station, String product, Instant begin, Instant end) {
    boolean data() {
      return path.endsWith("/datagetter");
    }
  }

  /**
   * What the backfill was asked to do.
   *
   * @param created when the connector was created
   * @param units the units, as "station/product"
   * @param rate the connector's {@code noaa.requests.per.second}
   */
  record Plan(
      Instant created, Duration safetyLag, Duration horizon, List<String> units, double rate) {}

  private BackfillCount() {}

  /** The newest time the source could ask for at {@code created}. */
  static Instant catchUpPoint(Plan plan, String product) {
    Instant limit =
        "predictions".equals(product)
            ? plan.created().plus(plan.horizon())
            : plan.created().minus(plan.safetyLag());
    return limit.truncatedTo(ChronoUnit.MINUTES);
  }

  /** The fewest requests that cover {@code begin .. catchUp}, both ends inclusive. */
  static long minimum(String product, Instant begin, Instant catchUp) {
    Duration widest = WIDEST.get(product);
    if (widest == null) {
      throw new BenchException("No widest NOAA window known for product " + product);
    }
    long minutes = Duration.between(begin, catchUp).toMinutes() + 1;
    long perRequest = widest.toMinutes();
    return minutes <= 0 ? 0 : (minutes + perRequest - 1) / perRequest;
  }

  /** Counts {@code log} (oldest first) against {@code plan}. */
  static BackfillResult.Requests count(Plan plan, List<Logged> log) {
    Map<String, List<Logged>> byUnit = new TreeMap<>();
    plan.units().forEach(u -> byUnit.put(u, new ArrayList<>()));
    long other = 0;
    long foreign = 0;
    for (Logged e : log) {
      if (!e.data()) {
        other++;
      } else if (byUnit.containsKey(e.station() + "/" + e.product())) {
        byUnit.get(e.station() + "/" + e.product()).add(e);
      } else {
        foreign++;
      }
    }
    long made = 0;
    long minimum = 0;
    long repeats = 0;
    long tail = 0;
    List<String> behind = new ArrayList<>();
    List<String> aboveMinimum = new ArrayList<>();
    for (Map.Entry<String, List<Logged>> unit : byUnit.entrySet()) {
      List<Logged> requests = unit.getValue();
      String product = unit.getKey().substring(unit.getKey().indexOf('/') + 1);
      Instant catchUp = catchUpPoint(plan, product);
      for (int i = 1; i < requests.size(); i++) {
        if (!requests.get(i).begin().isAfter(requests.get(i - 1).begin())) {
          repeats++;
        }
      }
      int reached = -1;
      for (int i = 0; i < requests.size() && reached < 0; i++) {
        if (!requests.get(i).end().isBefore(catchUp)) {
          reached = i;
        }
      }
      if (reached < 0) {
        behind.add(unit.getKey());
        continue;
      }
      long unitMinimum = minimum(product, requests.get(0).begin(), catchUp);
      made += reached + 1;
      minimum += unitMinimum;
      tail += requests.size() - reached - 1;
      if (reached + 1 > unitMinimum) {
        aboveMinimum.add(unit.getKey() + " " + (reached + 1) + "/" + unitMinimum);
      }
    }
    List<Instant> all = log.stream().map(Logged::arrived).sorted().toList();
    return new BackfillResult.Requests(
        plan.units().size(),
        made,
        minimum,
        repeats,
        tail,
        other,
        foreign,
        behind,
        aboveMinimum,
        peakWithin(all, Duration.ofSeconds(1)),
        peakPerClockSecond(all),
        peakWithin(all, Duration.ofSeconds(10)),
        plan.rate());
  }

  /** The most requests that arrived within any {@code window} (sliding). */
  static int peakWithin(List<Instant> sorted, Duration window) {
    int peak = 0;
    int j = 0;
    for (int i = 0; i < sorted.size(); i++) {
      while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plus(window))) {
        j++;
      }
      peak = Math.max(peak, j - i);
    }
    return peak;
  }

  /** The most requests that arrived within one second of the clock ({@code hh:mm:ss.000..999}). */
  static int peakPerClockSecond(List<Instant> sorted) {
    Map<Long, Integer> perSecond = new TreeMap<>();
    sorted.forEach(t -> perSecond.merge(t.getEpochSecond(), 1, Integer::sum));
    return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
