package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a 30-day backfill costs in requests: several tasks of one connector, paced by the
 * connector-wide schedule on one fake clock, against a NOAA that answers every window. Each unit
 * (station x product) must catch up with the minimum number of data requests, ceil(backfill span /
 * NOAA's widest window for the product), never ask for a window again (also across a restart from
 * the stored offsets), and the connector must never send more requests in a second than its rate.
 *
 * <p>The widest windows are NOAA's, from the API reference, not the source's own table: a source
 * that asked for narrower windows than NOAA allows would fail here.
 */
class BackfillRequestsTest {

  /** Off the minute and off the six-minute grid, as a real start is. */
  static final Instant T0 = Instant.parse("2026-01-10T07:43:27Z");

  static final double RATE = 2.0;
  static final int TASKS = 3;
  static final int STATIONS = 8;
  static final String PRODUCTS = "water_level,one_minute_water_level,wind,predictions";

  /** NOAA's widest window per request (shared reference noaa-api.md), not the source's table. */
  static final Map<NoaaProduct, Duration> NOAA_WIDEST =
      Map.of(
          NoaaProduct.WATER_LEVEL, Duration.ofDays(31),
          NoaaProduct.ONE_MINUTE_WATER_LEVEL, Duration.ofDays(4),
          NoaaProduct.WIND, Duration.ofDays(31),
          NoaaProduct.PREDICTIONS, Duration.ofDays(365));

  private final ManualClock clock = new ManualClock(T0);
  private final FakeNoaa noaa = new FakeNoaa(clock);
  private final NoaaSourceConfig config = new NoaaSourceConfig(props());
  private final List<UnitScheduler> tasks = new ArrayList<>();

  /** The offset of the last record delivered per unit: what Connect would have stored. */
  private final Map<UnitId, Map<String, ?>> stored = new HashMap<>();

  /** Observation times delivered per unit, in order. */
  private final Map<UnitId, List<Instant>> delivered = new HashMap<>();

  private static Map<String, String> props() {
    List<String> stations = new ArrayList<>();
    for (int i = 1; i <= STATIONS; i++) {
      stations.add(String.format("99%05d", i));
    }
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, String.join(",", stations));
    p.put(NoaaSourceConfig.PRODUCTS, PRODUCTS);
    p.put(NoaaSourceConfig.START, "P30D");
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, Double.toString(RATE));
    return p;
  }

  @AfterEach
  void stopTasks() {
    tasks.forEach(UnitScheduler::close);
  }

  /** The units as the connector makes them, sorted. */
  private List<UnitId> units() {
    List<UnitId> units = new ArrayList<>();
    for (String s : config.stations()) {
      for (NoaaProduct p : config.products()) {
        units.add(
            UnitId.of(s, p, config.datum(), config.predictionsInterval(), config.metInterval()));
      }
    }
    units.sort(null);
    return units;
  }

  /** Starts the connector's tasks now; a unit resumes from its stored offset if it has one. */
  private void startTasks() {
    Instant now = clock.instant();
    List<UnitId> all = units();
    for (int i = 0; i < TASKS; i++) {
      List<UnitState> mine = new ArrayList<>();
      for (int u = i; u < all.size(); u += TASKS) {
        UnitId id = all.get(u);
        Map<String, ?> offset = stored.get(id);
        if (offset == null) {
          mine.add(TaskComponents.fresh(config, id, now));
        } else {
          UnitOffset o = UnitOffset.fromMap(offset);
          mine.add(new UnitState(id, o.watermark(), o.verifiedWatermark(), now));
        }
      }
      tasks.add(
          TaskComponents.of(config, clock)
              .units(mine)
              .fetcher(noaa)
              .pacing(new RequestSlots(RATE, i, TASKS, now))
              .scheduler());
    }
  }

  /** Polls every task each 50 ms of fake time, for {@code d}. */
  private void run(Duration d) throws InterruptedException {
    Instant end = clock.instant().plus(d);
    while (clock.instant().isBefore(end)) {
      pollEveryTask();
      clock.advance(Duration.ofMillis(50));
    }
  }

  private void pollEveryTask() throws InterruptedException {
    for (UnitScheduler t : tasks) {
      List<SourceRecord> records = t.poll(Duration.ZERO);
      if (records == null) {
        continue;
      }
      for (SourceRecord r : records) {
        UnitId id = unitOf(r.sourcePartition());
        stored.put(id, r.sourceOffset());
        delivered
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(((java.util.Date) ((Struct) r.value()).get("time")).toInstant());
      }
    }
  }

  /** Stops the tasks after every answer already received was delivered, as a clean stop does. */
  private void stopAfterDelivering() throws InterruptedException {
    // the clock stands still: no task has a turn, so these polls only deliver answers
    pollEveryTask();
    pollEveryTask();
    tasks.forEach(UnitScheduler::close);
    tasks.clear();
  }

  private UnitId unitOf(Map<String, ?> partition) {
    return units().stream().filter(u -> u.partition().equals(partition)).findFirst().orElseThrow();
  }

  /** The data requests of each unit, in the order they were sent. */
  private Map<UnitId, List<DataRequest>> requestsByUnit() {
    Map<UnitId, List<DataRequest>> out = new TreeMap<>();
    for (UnitId id : units()) {
      out.put(id, new ArrayList<>());
    }
    for (DataRequest r : noaa.requests) {
      UnitId id =
          units().stream()
              .filter(u -> u.station().equals(r.station()) && u.product() == r.product())
              .findFirst()
              .orElseThrow();
      out.get(id).add(r);
    }
    return out;
  }

  /** Where the backfill of a unit ends: the latest time the connector could ask for at T0. */
  private Instant catchUpPoint(UnitId id) {
    Instant limit =
        id.product().isPrediction()
            ? T0.plus(config.predictionsHorizon())
            : T0.minus(config.safetyLag());
    return limit.truncatedTo(ChronoUnit.MINUTES);
  }

  /**
   * The fewest data requests that cover the unit's backfill: its minutes from the start to the
   * catch-up point (both ends inclusive), in windows of NOAA's widest span.
   */
  private long minimum(UnitId id) {
    Instant begin = config.start(T0).truncatedTo(ChronoUnit.MINUTES);
    long minutes = Duration.between(begin, catchUpPoint(id)).toMinutes() + 1;
    long perRequest = NOAA_WIDEST.get(id.product()).toMinutes();
    return (minutes + perRequest - 1) / perRequest;
  }

  /** The unit's requests up to and including the first that reached its catch-up point. */
  private List<DataRequest> backfill(UnitId id, List<DataRequest> requests) {
    List<DataRequest> out = new ArrayList<>();
    for (DataRequest r : requests) {
      out.add(r);
      if (!r.end().isBefore(catchUpPoint(id))) {
        return out;
      }
    }
    throw new AssertionError(
        id + " did not catch up to " + catchUpPoint(id) + "; requests: " + describe(requests));
  }

  private void assertMinimumAndNoRepeats() {
    Map<UnitId, Long> made = new LinkedHashMap<>();
    Map<UnitId, Long> minimum = new LinkedHashMap<>();
    requestsByUnit()
        .forEach(
            (id, requests) -> {
              made.put(id, (long) backfill(id, requests).size());
              minimum.put(id, minimum(id));
              for (int i = 1; i < requests.size(); i++) {
                assertThat(requests.get(i).begin())
                    .as(
                        "%s asks again for a window it already asked for: %s",
                        id, describe(requests))
                    .isAfter(requests.get(i - 1).begin());
              }
            });
    assertThat(made).as("backfill data requests per unit, against the minimum").isEqualTo(minimum);
    delivered.forEach(
        (id, times) -> assertThat(times).as("rows of %s", id).doesNotHaveDuplicates().isSorted());
    // the example's arithmetic: 30 days (less the lag) of one-minute data is 8 windows of 4 days
    assertThat(minimum).containsValues(1L, 8L).doesNotContainValue(0L);
  }

  /** In every second of the clock at most the rate; in every sliding 1-s window ceil(R) + 1. */
  private void assertRateKept() {
    Map<Long, Integer> perSecond = new TreeMap<>();
    for (Instant t : noaa.sentAt) {
      perSecond.merge(t.getEpochSecond(), 1, Integer::sum);
    }
    assertThat(perSecond.values())
        .as("requests in each second of the clock at %s request(s)/s", RATE)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo((int) Math.ceil(RATE)));
    List<Instant> sent = noaa.sentAt;
    for (int i = 0; i < sent.size(); i++) {
      int j = i;
      while (j < sent.size() && sent.get(j).isBefore(sent.get(i).plusSeconds(1))) {
        j++;
      }
      assertThat(j - i)
          .as("requests within 1 s from %s", sent.get(i))
          .isLessThanOrEqualTo((int) Math.ceil(RATE) + 1);
    }
  }

  @Test
  void thirtyDayBackfillMakesTheMinimumNumberOfRequestsWithinTheRate() throws Exception {
    startTasks();

    run(Duration.ofMinutes(3));

    assertMinimumAndNoRepeats();
    assertRateKept();
    long minimum = units().stream().mapToLong(this::minimum).sum();
    // 8 stations x (1 water_level + 8 one-minute + 1 wind + 1 predictions)
    assertThat(minimum).isEqualTo(8 * 11);
  }

  @Test
  void restartFromStoredOffsetsAsksForNoWindowTwice() throws Exception {
    startTasks();
    run(Duration.ofSeconds(25)); // every unit asked once; the one-minute units are mid-backfill
    assertThat(stored).as("units with a stored offset before the restart").hasSize(units().size());
    stopAfterDelivering();

    clock.advance(Duration.ofSeconds(5));
    startTasks();
    run(Duration.ofMinutes(3));

    assertMinimumAndNoRepeats();
    assertRateKept();
  }

  private static String describe(List<DataRequest> requests) {
    return requests.stream().map(r -> "[" + r.begin() + " .. " + r.end() + "]").toList().toString();
  }
}
