package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.LogCapture;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.pace.Pacing;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class UnitSchedulerTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final UnitId SEATTLE_WL = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);
  static final UnitId BOSTON_WL = new UnitId("8443970", NoaaProduct.WATER_LEVEL, "MLLW", null);

  private final ManualClock clock = new ManualClock(NOW);
  private final FakeNoaa noaa = new FakeNoaa(clock);
  private final Map<String, String> props = new HashMap<>();
  private final RecordedEvents events = new RecordedEvents();
  private Pacing pacing = Pacing.UNPACED;
  private UnitScheduler engine;

  UnitSchedulerTest() {
    props.put(NoaaSourceConfig.STATIONS, "9447130");
    props.put(NoaaSourceConfig.START, "2026-01-08T00:00:00Z");
  }

  private UnitScheduler engine(UnitState... units) {
    NoaaSourceConfig config = new NoaaSourceConfig(props);
    engine =
        TaskComponents.of(config, clock)
            .units(List.of(units))
            .fetcher(noaa)
            .pacing(pacing)
            .backoff(
                new ExponentialBackoff(config.backoffInitial(), config.backoffMax(), () -> 0.0))
            .events(events)
            .scheduler();
    return engine;
  }

  private UnitState fresh(UnitId id) {
    return TaskComponents.fresh(new NoaaSourceConfig(props), id, clock.instant());
  }

  /** Polls until two polls in a row return nothing. */
  private List<SourceRecord> pollAll() throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    int empty = 0;
    for (int i = 0; i < 10_000 && empty < 2; i++) {
      List<SourceRecord> r = engine.poll(Duration.ZERO);
      if (r == null) {
        empty++;
      } else {
        empty = 0;
        all.addAll(r);
      }
    }
    return all;
  }

  /** Observation times, from the value's {@code time} (the record timestamp is capped at now). */
  private static List<Instant> times(List<SourceRecord> records) {
    return records.stream()
        .map(r -> ((Struct) r.value()).get("time"))
        .map(d -> ((java.util.Date) d).toInstant())
        .toList();
  }

  private static void assertContiguous(List<SourceRecord> records, Instant first, Instant last) {
    List<Instant> t = times(records);
    assertThat(t).doesNotHaveDuplicates();
    assertThat(t.get(0)).isEqualTo(first);
    assertThat(t.get(t.size() - 1)).isEqualTo(last);
    for (int i = 1; i < t.size(); i++) {
      assertThat(Duration.between(t.get(i - 1), t.get(i))).isEqualTo(Duration.ofMinutes(6));
    }
  }

  private List<DataRequest> requestsOf(UnitId id) {
    return noaa.requests.stream()
        .filter(r -> r.station().equals(id.station()) && r.product() == id.product())
        .toList();
  }

  @Test
  void backfillsThenTailsEveryRowOnceWithWatermarkOffsets() throws Exception {
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> backfill = pollAll();

    // 2 days of 6-minute rows, up to now minus the 3-minute safety lag
    assertThat(backfill).hasSize(480);
    assertContiguous(
        backfill, Instant.parse("2026-01-08T00:00:00Z"), Instant.parse("2026-01-09T23:54:00Z"));
    SourceRecord first = backfill.get(0);
    assertThat(first.topic()).isEqualTo("noaa.water_level");
    assertThat(first.key()).isEqualTo("9447130");
    assertThat(first.sourcePartition()).isEqualTo(SEATTLE_WL.partition());
    assertThat(first.sourceOffset())
        .isEqualTo(Map.of("v", 1, "wm", Instant.parse("2026-01-08T00:00:00Z").toEpochMilli()));
    assertThat(((Struct) first.value()).getString("station_name")).isEqualTo("Station 9447130");
    assertThat(noaa.requests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.begin()).isEqualTo(Instant.parse("2026-01-08T00:00:00Z"));
              assertThat(r.end()).isEqualTo(Instant.parse("2026-01-09T23:57:00Z"));
            });

    // tail: nothing is asked for before the next sample can exist
    clock.advance(Duration.ofMinutes(2));
    assertThat(pollAll()).isEmpty();
    assertThat(noaa.requests).hasSize(1);
    clock.advance(Duration.ofMinutes(1)); // 00:03 = 23:54 + 6 min + 3 min lag
    List<SourceRecord> tail = pollAll();
    assertThat(times(tail)).containsExactly(Instant.parse("2026-01-10T00:00:00Z"));
    assertThat(noaa.requests.get(1).begin()).isEqualTo(Instant.parse("2026-01-09T23:55:00Z"));
    assertThat(noaa.requests.get(1).end()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));
  }

  @Test
  void resumesOneMinuteAfterTheStoredWatermark() throws Exception {
    Instant wm = Instant.parse("2026-01-09T12:00:00Z");
    engine(new UnitState(SEATTLE_WL, wm, null, NOW));

    List<SourceRecord> records = pollAll();

    assertThat(noaa.requests.get(0).begin()).isEqualTo(Instant.parse("2026-01-09T12:01:00Z"));
    assertContiguous(
        records, Instant.parse("2026-01-09T12:06:00Z"), Instant.parse("2026-01-09T23:54:00Z"));
  }

  @Test
  void backfillWindowsNeverExceedTheProductSpanAndChainWithoutGaps() throws Exception {
    props.put(NoaaSourceConfig.START, "P70D");
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    assertThat(noaa.requests).hasSize(3);
    for (DataRequest r : noaa.requests) {
      assertThat(Duration.between(r.begin(), r.end())).isLessThan(Duration.ofDays(31));
    }
    for (int i = 1; i < noaa.requests.size(); i++) {
      // each window begins one minute after the last row the previous one returned
      Instant previousEnd = noaa.requests.get(i - 1).end();
      Instant lastRow =
          times(records).stream()
              .filter(t -> !t.isAfter(previousEnd))
              .max(Instant::compareTo)
              .orElseThrow();
      assertThat(noaa.requests.get(i).begin()).isEqualTo(lastRow.plus(Duration.ofMinutes(1)));
    }
    assertContiguous(
        records, NOW.minus(Duration.ofDays(70)), Instant.parse("2026-01-09T23:54:00Z"));
    assertThat(records).hasSize(70 * 240);
  }

  @Test
  void rangeErrorHalvesTheWindowAndLosesNothing() throws Exception {
    props.put(NoaaSourceConfig.START, "P20D");
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.error(NoaaErrorKind.RANGE_LIMIT, "Range Limit Exceeded"));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    DataRequest refused = noaa.requests.get(0);
    DataRequest halved = noaa.requests.get(1);
    assertThat(halved.begin()).isEqualTo(refused.begin());
    assertThat(Duration.between(halved.begin(), halved.end()))
        .isEqualTo(Duration.ofDays(31).dividedBy(2).minus(Duration.ofMinutes(1)));
    assertContiguous(
        records, NOW.minus(Duration.ofDays(20)), Instant.parse("2026-01-09T23:54:00Z"));
  }

  @Test
  void recentEmptyWindowHoldsTheWatermarkSoLateDataIsNotSkipped() throws Exception {
    props.put(NoaaSourceConfig.START, "PT1H");
    noaa.script(
        "9447130", "water_level", FakeNoaa.error(NoaaErrorKind.NO_DATA, "No data was found."));
    engine(fresh(SEATTLE_WL));

    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMinutes(6));
    List<SourceRecord> late = pollAll();

    assertThat(noaa.requests).hasSize(2);
    assertThat(noaa.requests.get(1).begin()).isEqualTo(noaa.requests.get(0).begin());
    assertThat(times(late).get(0)).isEqualTo(Instant.parse("2026-01-09T23:00:00Z"));
  }

  @Test
  void emptyWindowOlderThanLatenessAdvancesWithoutARecord() throws Exception {
    props.put(NoaaSourceConfig.START, "P40D");
    noaa.script("9447130", "water_level", new ParsedResponse(null, List.of(), List.of()));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    DataRequest empty = noaa.requests.get(0);
    assertThat(noaa.requests.get(1).begin()).isEqualTo(empty.end().plus(Duration.ofMinutes(1)));
    assertThat(times(records)).allMatch(t -> t.isAfter(empty.end()));
  }

  @Test
  void transientFailureBacksOffThatUnitWhileOthersContinue() throws Exception {
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.http(NoaaErrorKind.TRANSIENT, 504, null),
        FakeNoaa.http(NoaaErrorKind.TRANSIENT, 504, null));
    engine(fresh(SEATTLE_WL), fresh(BOSTON_WL));

    List<SourceRecord> first = pollAll();

    assertThat(first).hasSize(480).allMatch(r -> r.key().equals("8443970"));
    assertThat(requestsOf(SEATTLE_WL)).hasSize(1);
    clock.advance(Duration.ofMillis(999)); // first retry after initial/2..initial (2 s, jitter 0)
    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(pollAll()).isEmpty();
    assertThat(requestsOf(SEATTLE_WL)).hasSize(2);
    clock.advance(Duration.ofMillis(1999)); // second retry waits twice as long
    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    List<SourceRecord> recovered = pollAll();
    assertThat(recovered).hasSize(480).allMatch(r -> r.key().equals("9447130"));
    assertContiguous(
        recovered, Instant.parse("2026-01-08T00:00:00Z"), Instant.parse("2026-01-09T23:54:00Z"));
  }

  @Test
  void throttledAnswerPausesEveryRequestForRetryAfter() throws Exception {
    pacing = new RequestSlots(1, 0, 1, NOW);
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.http(NoaaErrorKind.THROTTLED, 429, Duration.ofMinutes(30)));
    engine(fresh(SEATTLE_WL), fresh(BOSTON_WL));
    pollAll(); // Boston in this second's turn
    clock.advance(Duration.ofSeconds(1));
    pollAll(); // Seattle in the next: 429
    int before = noaa.requests.size();
    assertThat(requestsOf(SEATTLE_WL)).hasSize(1);

    clock.advance(Duration.ofMinutes(29)); // Boston would be due for its tail by now
    assertThat(pollAll()).isEmpty();
    assertThat(noaa.requests).hasSize(before);
    clock.advance(Duration.ofMinutes(1));
    List<SourceRecord> resumed = new ArrayList<>(pollAll());
    clock.advance(Duration.ofSeconds(2)); // after a 429, only every second turn is used
    resumed.addAll(pollAll());
    assertThat(resumed).isNotEmpty();
    assertThat(requestsOf(SEATTLE_WL)).hasSize(2);
  }

  @Test
  void afterA429OnlyEverySecondTurnIsUsed() throws Exception {
    pacing = new RequestSlots(1, 0, 1, NOW); // a turn every second
    props.put(NoaaSourceConfig.START, "P70D");
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.http(NoaaErrorKind.THROTTLED, 429, Duration.ofSeconds(10)));
    engine(fresh(SEATTLE_WL));
    pollAll();
    assertThat(noaa.requests).hasSize(1);

    clock.advance(Duration.ofSeconds(10));
    pollAll(); // the first window again; the next one is due at once but must wait 2 x 1 s
    assertThat(noaa.requests).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    pollAll();
    assertThat(noaa.requests).hasSize(2);
    clock.advance(Duration.ofSeconds(1));
    pollAll();
    assertThat(noaa.requests).hasSize(3);
  }

  @Test
  void banOpensBreakerForADoublingCooldownThenCloses() throws Exception {
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.http(NoaaErrorKind.BANNED, 403, null),
        FakeNoaa.http(NoaaErrorKind.BANNED, 403, null));
    engine(fresh(SEATTLE_WL));

    pollAll();
    assertThat(engine.banStreak()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    pollAll();
    assertThat(noaa.requests).hasSize(1);
    clock.advance(Duration.ofSeconds(2)); // cool-down of 15 min over: one probe, banned again
    pollAll();
    assertThat(noaa.requests).hasSize(2);
    assertThat(engine.banStreak()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(30).minusSeconds(1)); // doubled
    pollAll();
    assertThat(noaa.requests).hasSize(2);
    clock.advance(Duration.ofSeconds(2));
    List<SourceRecord> after = pollAll();
    assertThat(engine.banStreak()).isZero();
    assertThat(after).isNotEmpty();
    assertThat(noaa.requests.get(2).begin()).isEqualTo(Instant.parse("2026-01-08T00:00:00Z"));
  }

  /** Task {@code i} of 7 at 1 request/s whose first turn is {@code secondsAfterNow} s after NOW. */
  private static RequestSlots turnIn(int secondsAfterNow) {
    int index = (int) Math.floorMod(NOW.getEpochSecond() + secondsAfterNow, 7L);
    return new RequestSlots(1, index, 7, NOW);
  }

  @Test
  void pollWaitsForTheTaskTurnInsteadOfSpinningAndWakesUpForIt() throws Exception {
    pacing = turnIn(3);
    engine(fresh(SEATTLE_WL));

    long t0 = System.nanoTime();
    assertThat(engine.poll(Duration.ofMillis(200))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(190));
    assertThat(noaa.requests).isEmpty();
    // the unit is due now: poll() waits for the turn 3 s on, not for its own maximum
    assertThat(engine.waitBeforeLookingAgain(Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(engine.waitBeforeLookingAgain(Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofMillis(2500));
    assertThat(engine.waitBeforeLookingAgain(Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aUnitDueBetweenTurnsWaitsForTheNextTurnAndLosesNothing() throws Exception {
    pacing = turnIn(3);
    engine(fresh(SEATTLE_WL));
    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMillis(2999));
    assertThat(pollAll()).isEmpty();
    assertThat(noaa.requests).isEmpty();

    clock.advance(Duration.ofMillis(1));

    assertThat(pollAll()).hasSize(480);
    assertThat(noaa.sentAt).containsExactly(NOW.plusSeconds(3));
  }

  @Test
  void requestsGoOutOnlyInTheTaskOwnSlotsOncePerSlotAndWithinTheGrace() throws Exception {
    RequestSlots slots = new RequestSlots(1, 2, 7, NOW);
    pacing = slots;
    props.put(NoaaSourceConfig.START, "PT1H");
    List<UnitState> units = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      units.add(
          fresh(new UnitId(String.format("99%05d", i), NoaaProduct.WATER_LEVEL, "MLLW", null)));
    }
    engine(units.toArray(UnitState[]::new));
    SplittableRandom random = new SplittableRandom(5);

    // ten minutes of a task that polls at irregular moments, sometimes late for its turn
    Instant end = NOW.plus(Duration.ofMinutes(10));
    while (clock.instant().isBefore(end)) {
      engine.poll(Duration.ZERO);
      clock.advance(Duration.ofMillis(50 + random.nextInt(900)));
    }

    assertThat(noaa.sentAt).as("requests in 10 minutes of turns every 7 s").hasSizeBetween(20, 86);
    Set<Long> seconds = new HashSet<>();
    for (Instant t : noaa.sentAt) {
      long slot = t.getEpochSecond(); // one slot per second at 1 request/s
      assertThat(Math.floorMod(slot, 7L)).as("slot of the request at %s", t).isEqualTo(2L);
      assertThat(t.getNano()).as("lateness of the request at %s", t).isLessThan(500_000_000);
      assertThat(seconds.add(slot)).as("second request in slot %s", slot).isTrue();
    }
  }

  @Test
  void repeatedParameterErrorQuarantinesOnlyThatUnit() throws Exception {
    UnitId pred = new UnitId("9447130", NoaaProduct.PREDICTIONS, "IGLD", "6");
    String datum = "No Predictions data was found. Please make sure the Datum input is valid.";
    noaa.script(
        "9447130",
        "predictions",
        FakeNoaa.error(NoaaErrorKind.DATUM, datum),
        FakeNoaa.error(NoaaErrorKind.DATUM, datum));
    engine(fresh(pred), fresh(BOSTON_WL));

    assertThat(pollAll()).hasSize(480); // Boston streams
    clock.advance(Duration.ofSeconds(1));
    pollAll();
    assertThat(requestsOf(pred)).hasSize(2);
    UnitState q =
        engine.unitsForTest().stream().filter(u -> u.id().equals(pred)).findFirst().orElseThrow();
    assertThat(q.quarantined()).isTrue();
    assertThat(q.nextDue()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    clock.advance(Duration.ofHours(1));
    pollAll();
    assertThat(requestsOf(pred)).hasSize(2);
  }

  @Test
  void identicalErrorsAcrossMostUnitsAreAnOutageNotQuarantine() throws Exception {
    String datum = "No Predictions data was found. Please make sure the Datum input is valid.";
    List<UnitState> units = new ArrayList<>();
    for (String s : List.of("8454000", "8724580", "9443090", "9447130")) {
      noaa.script(
          s,
          "predictions",
          FakeNoaa.error(NoaaErrorKind.DATUM, datum),
          FakeNoaa.error(NoaaErrorKind.DATUM, datum),
          FakeNoaa.error(NoaaErrorKind.DATUM, datum));
      units.add(fresh(new UnitId(s, NoaaProduct.PREDICTIONS, "MLLW", "6")));
    }
    engine(units.toArray(UnitState[]::new));

    for (int i = 0; i < 3; i++) {
      pollAll();
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(engine.unitsForTest()).noneMatch(UnitState::quarantined);
    clock.advance(Duration.ofMinutes(1));
    List<SourceRecord> recovered = pollAll();
    assertThat(recovered).extracting(r -> (String) r.key()).contains("8454000", "9447130");
  }

  @Test
  void outageMetFirstByFewUnitsDoesNotMoveTheirWatermarkPastOldWindows() throws Exception {
    // windows end 2 h ago, older than the 1 h lateness: an empty answer would move past them
    props.put(NoaaSourceConfig.START, "PT6H");
    props.put(NoaaSourceConfig.SAFETY_LAG, "7200000");
    props.put(NoaaSourceConfig.LATENESS, "3600000");
    String outage =
        "No data was found. This product may not be offered at this station at the requested time.";
    List<String> stations = List.of("8454000", "8724580", "9443090", "9447130");
    List<UnitState> units = new ArrayList<>();
    for (String s : stations) {
      noaa.script(s, "water_level", FakeNoaa.error(NoaaErrorKind.NO_DATA, outage));
      units.add(fresh(new UnitId(s, NoaaProduct.WATER_LEVEL, "MLLW", null)));
    }
    engine(units.toArray(UnitState[]::new));

    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.addAll(pollAll());
      clock.advance(Duration.ofSeconds(5));
    }

    for (String s : stations) {
      assertContiguous(
          records.stream().filter(r -> r.key().equals(s)).toList(),
          NOW.minus(Duration.ofHours(6)),
          NOW.minus(Duration.ofHours(2)));
    }
  }

  @Test
  void recentEmptyWindowsOnEveryUnitAreHeldNotTakenForAnOutage() throws Exception {
    // after a restart every unit asks at once, before the next sample exists: "No data" is normal
    props.put(NoaaSourceConfig.START, "PT1H");
    List<String> stations = List.of("8454000", "8724580", "9443090", "9447130");
    List<UnitState> units = new ArrayList<>();
    for (String s : stations) {
      noaa.script(s, "water_level", FakeNoaa.error(NoaaErrorKind.NO_DATA, "No data was found."));
      units.add(fresh(new UnitId(s, NoaaProduct.WATER_LEVEL, "MLLW", null)));
    }
    engine(units.toArray(UnitState[]::new));

    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(pollAll()).isEmpty();
    assertThat(noaa.requests).as("requests before the next sample can exist").hasSize(4);
    clock.advance(Duration.ofMinutes(1));
    List<SourceRecord> records = pollAll();

    for (String s : stations) {
      assertContiguous(
          records.stream().filter(r -> r.key().equals(s)).toList(),
          NOW.minus(Duration.ofHours(1)),
          Instant.parse("2026-01-10T00:00:00Z"));
    }
  }

  @Test
  void afterARestartBeforeTheNextSampleTheUnitAsksAgainWhenItIsDueNotACadenceLater()
      throws Exception {
    clock.advance(Duration.ofMinutes(2)); // 00:02; the last row sent was 23:54
    engine(new UnitState(SEATTLE_WL, Instant.parse("2026-01-09T23:54:00Z"), null, clock.instant()));

    assertThat(pollAll()).isEmpty(); // [23:55, 23:59]: the 00:00 sample is not out yet
    clock.advance(Duration.ofMinutes(1)); // 00:03 = 00:00 + the 3-minute safety lag
    List<SourceRecord> next = pollAll();

    assertThat(times(next)).containsExactly(Instant.parse("2026-01-10T00:00:00Z"));
  }

  @Test
  void emptyOldWindowIsAskedForOnceMoreThenSkipped() throws Exception {
    props.put(NoaaSourceConfig.START, "P40D");
    noaa.script(
        "9447130",
        "water_level",
        FakeNoaa.error(NoaaErrorKind.NO_DATA, "No data was found."),
        FakeNoaa.error(NoaaErrorKind.NO_DATA, "No data was found."));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.addAll(pollAll());
      clock.advance(Duration.ofSeconds(5));
    }

    DataRequest empty = noaa.requests.get(0);
    assertThat(noaa.requests.get(1)).isEqualTo(empty);
    assertThat(noaa.requests.get(2).begin()).isEqualTo(empty.end().plus(Duration.ofMinutes(1)));
    assertThat(times(records)).isNotEmpty().allMatch(t -> t.isAfter(empty.end()));
  }

  @Test
  void classifiedErrorsGoToTheErrorsTopicNeverToTheDataTopic() throws Exception {
    props.put(NoaaSourceConfig.ERRORS_TOPIC, "noaa.errors");
    noaa.script("9447130", "water_level", FakeNoaa.http(NoaaErrorKind.TRANSIENT, 504, null));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo("noaa.errors");
              Struct v = (Struct) r.value();
              assertThat(v.getString("kind")).isEqualTo("TRANSIENT");
              assertThat(v.getInt32("http_status")).isEqualTo(504);
              assertThat(v.getString("request_url")).contains("station=9447130");
            });
    clock.advance(Duration.ofSeconds(1));
    assertThat(pollAll()).hasSize(480).allMatch(r -> r.topic().equals("noaa.water_level"));
  }

  @Test
  void noDataIsNotPublishedAsAnError() throws Exception {
    props.put(NoaaSourceConfig.ERRORS_TOPIC, "noaa.errors");
    props.put(NoaaSourceConfig.START, "PT1H");
    noaa.script(
        "9447130", "water_level", FakeNoaa.error(NoaaErrorKind.NO_DATA, "No data was found."));
    engine(fresh(SEATTLE_WL));
    assertThat(pollAll()).isEmpty();
  }

  @Test
  void predictionsRunAheadToTheHorizonWithoutRepeatingRows() throws Exception {
    props.put(NoaaSourceConfig.START, "P1D");
    UnitId pred = new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "6");
    engine(fresh(pred));

    List<SourceRecord> first = pollAll();
    assertThat(noaa.requests.get(0).end()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    assertContiguous(first, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
    clock.advance(Duration.ofMinutes(59));
    assertThat(pollAll()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<SourceRecord> refresh = pollAll();
    assertContiguous(
        refresh,
        NOW.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(6)),
        NOW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
  }

  @Test
  void futurePredictionsAreStampedNowSoTheBrokerAcceptsThemAndKeepTheirTimeInTheValue()
      throws Exception {
    props.put(NoaaSourceConfig.START, "PT1H");
    UnitId pred = new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "6");
    engine(fresh(pred));

    List<SourceRecord> records = pollAll();

    assertContiguous(records, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2)));
    for (SourceRecord r : records) {
      Instant t = ((java.util.Date) ((Struct) r.value()).get("time")).toInstant();
      if (t.isAfter(NOW)) {
        assertThat(r.timestamp())
            .as("timestamp of the prediction for %s", t)
            .isEqualTo(NOW.toEpochMilli());
      } else {
        assertThat(r.timestamp())
            .as("timestamp of the prediction for %s", t)
            .isEqualTo(t.toEpochMilli());
      }
    }
    assertThat(records).filteredOn(r -> r.timestamp() == NOW.toEpochMilli()).hasSize(2 * 240 + 1);
  }

  @Test
  void revisionsEmitEachNewlyVerifiedRowOnce() throws Exception {
    props.put(NoaaSourceConfig.REVISIONS_WINDOW, "3888000000");
    props.put(NoaaSourceConfig.REVISIONS_INTERVAL, "21600000");
    engine(fresh(SEATTLE_WL));
    List<SourceRecord> prelim = pollAll();
    assertThat(prelim)
        .hasSize(480)
        .allMatch(r -> "preliminary".equals(((Struct) r.value()).getString("quality")));

    Instant verifiedUpTo = Instant.parse("2026-01-09T00:00:00Z");
    noaa.quality = t -> t.isBefore(verifiedUpTo) ? "verified" : "preliminary";
    clock.advance(Duration.ofHours(6));
    List<SourceRecord> revised =
        pollAll().stream()
            .filter(r -> "verified".equals(((Struct) r.value()).getString("quality")))
            .toList();
    assertThat(revised).hasSize(240);
    assertContiguous(
        revised, Instant.parse("2026-01-08T00:00:00Z"), Instant.parse("2026-01-08T23:54:00Z"));
    assertThat(revised.get(239).sourceOffset().get("vwm"))
        .isEqualTo(Instant.parse("2026-01-08T23:54:00Z").toEpochMilli());

    clock.advance(Duration.ofHours(6));
    assertThat(pollAll())
        .noneMatch(r -> "verified".equals(((Struct) r.value()).getString("quality")));
  }

  @Test
  void rowsSentVerifiedAreNeverResentByRevisionsEvenAcrossAGap() throws Exception {
    props.put(NoaaSourceConfig.REVISIONS_WINDOW, "3888000000");
    props.put(NoaaSourceConfig.REVISIONS_INTERVAL, "3600000");
    Instant gap = Instant.parse("2026-01-08T12:00:00Z");
    noaa.quality = t -> t.equals(gap) ? null : "verified";
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> all = new ArrayList<>(pollAll());
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofHours(1));
      all.addAll(pollAll());
    }

    assertThat(times(all)).doesNotHaveDuplicates();
    assertContiguous(all, Instant.parse("2026-01-08T00:00:00Z"), times(all).get(all.size() - 1));
  }

  private static Observation row(String time) {
    return new Observation(
        Instant.parse(time), 1.0, null, "0,0,0,0", "preliminary", null, null, null, null, null);
  }

  private static ParsedResponse.MalformedRow unreadableTime(int index, String t) {
    return new ParsedResponse.MalformedRow(
        index,
        t,
        ParsedResponse.RowProblem.UNREADABLE_TIME,
        "{\"t\":\"" + t + "\", \"v\":\"1.0\"}");
  }

  private static List<SourceRecord> on(String topic, List<SourceRecord> records) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  @Test
  void malformedRowGoesToTheErrorsTopicAndTheOtherRowsAreDeliveredWithoutFailingTheTask()
      throws Exception {
    props.put(NoaaSourceConfig.ERRORS_TOPIC, "noaa.errors");
    noaa.script(
        "9447130",
        "water_level",
        new ParsedResponse(
            null,
            List.of(row("2026-01-08T00:00:00Z"), row("2026-01-08T00:12:00Z")),
            List.of(unreadableTime(1, "2026-01-08 0006"))));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = new ArrayList<>(pollAll());
    clock.advance(
        Duration.ofMinutes(6)); // the window reached now: the rest is asked a cadence later
    records.addAll(pollAll());

    assertThat(on("noaa.errors", records))
        .singleElement()
        .satisfies(
            r -> {
              Struct v = (Struct) r.value();
              assertThat(v.getString("kind")).isEqualTo("MALFORMED_ROW");
              assertThat(v.getString("description")).contains("index 1").contains("not a date");
              assertThat(v.getString("body"))
                  .isEqualTo("{\"t\":\"2026-01-08 0006\", \"v\":\"1.0\"}");
              assertThat(r.sourceOffset())
                  .as("an error record does not move the offset")
                  .isEqualTo(
                      Map.of("v", 1, "wm", Instant.parse("2026-01-07T23:59:00Z").toEpochMilli()));
            });
    List<SourceRecord> data = on("noaa.water_level", records);
    assertThat(times(data).subList(0, 2))
        .containsExactly(
            Instant.parse("2026-01-08T00:00:00Z"), Instant.parse("2026-01-08T00:12:00Z"));
    assertThat(noaa.requests.get(1).begin())
        .as("the next window starts after the last good row")
        .isEqualTo(Instant.parse("2026-01-08T00:13:00Z"));
    assertContiguous(
        data.subList(1, data.size()),
        Instant.parse("2026-01-08T00:12:00Z"),
        Instant.parse("2026-01-10T00:00:00Z"));
    assertThat(events.malformedRows).containsExactly("unreadable_time");
  }

  @Test
  void malformedRowsAnsweredAgainForAHeldWindowAreReportedOnce() throws Exception {
    props.put(NoaaSourceConfig.ERRORS_TOPIC, "noaa.errors");
    props.put(NoaaSourceConfig.START, "PT1H");
    ParsedResponse onlyMalformed =
        new ParsedResponse(null, List.of(), List.of(unreadableTime(0, "9 Jan 2026 23:06")));
    noaa.script("9447130", "water_level", onlyMalformed, onlyMalformed);
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> first = pollAll();
    clock.advance(Duration.ofMinutes(6));
    List<SourceRecord> second = pollAll();
    clock.advance(Duration.ofMinutes(6));
    List<SourceRecord> third = pollAll();

    assertThat(noaa.requests).hasSize(3);
    assertThat(noaa.requests.get(1).begin())
        .as("a recent window without a readable row is held")
        .isEqualTo(noaa.requests.get(0).begin());
    assertThat(first).singleElement().extracting(SourceRecord::topic).isEqualTo("noaa.errors");
    assertThat(second).as("the same unreadable row in the next answer").isEmpty();
    assertThat(on("noaa.water_level", third)).isNotEmpty();
    assertThat(events.malformedRows).containsExactly("unreadable_time");
  }

  @Test
  void valuesNoaaSentAsTextAreCountedOncePerDeliveredRecord() throws Exception {
    props.put(NoaaSourceConfig.START, "PT1H");
    Observation nan =
        new Observation(
            Instant.parse("2026-01-09T23:06:00Z"),
            null,
            0.02,
            "0,0,0,0",
            null,
            null,
            null,
            null,
            null,
            null);
    noaa.script(
        "9447130",
        "water_level",
        new ParsedResponse(
            null,
            List.of(row("2026-01-09T23:00:00Z"), nan, row("2026-01-09T23:12:00Z")),
            List.of(),
            List.of(
                new ParsedResponse.UnreadableValue(nan.time(), "value"),
                new ParsedResponse.UnreadableValue(nan.time(), "quality"))));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    assertThat(times(records).subList(0, 3))
        .containsExactly(
            Instant.parse("2026-01-09T23:00:00Z"),
            nan.time(),
            Instant.parse("2026-01-09T23:12:00Z"));
    Struct kept = (Struct) records.get(1).value();
    assertThat(kept.getFloat64("value")).isNull();
    assertThat(kept.getString("flags")).isEqualTo("0,0,0,0");
    assertThat(events.unreadableValues).containsExactly("value", "quality");
  }

  @Test
  void aRowNoaaSendsTwiceInOneAnswerIsDeliveredOnce() throws Exception {
    props.put(NoaaSourceConfig.START, "PT1H");
    noaa.script(
        "9447130",
        "water_level",
        new ParsedResponse(
            null,
            List.of(
                row("2026-01-09T23:00:00Z"),
                row("2026-01-09T23:06:00Z"),
                row("2026-01-09T23:06:00Z"),
                row("2026-01-09T23:12:00Z")),
            List.of()));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    assertThat(times(records))
        .containsExactly(
            Instant.parse("2026-01-09T23:00:00Z"),
            Instant.parse("2026-01-09T23:06:00Z"),
            Instant.parse("2026-01-09T23:12:00Z"));
    assertThat(records.get(2).sourceOffset().get("wm"))
        .isEqualTo(Instant.parse("2026-01-09T23:12:00Z").toEpochMilli());
  }

  @Test
  void aRowOlderThanOneAlreadyDeliveredFromTheSameAnswerIsNotDeliveredBehindIt() throws Exception {
    // NOAA sends rows in time order; one out of order would go behind the watermark's back
    props.put(NoaaSourceConfig.START, "PT1H");
    noaa.script(
        "9447130",
        "water_level",
        new ParsedResponse(
            null,
            List.of(
                row("2026-01-09T23:00:00Z"),
                row("2026-01-09T23:12:00Z"),
                row("2026-01-09T23:06:00Z")),
            List.of()));
    engine(fresh(SEATTLE_WL));

    List<SourceRecord> records = pollAll();

    assertThat(times(records))
        .containsExactly(
            Instant.parse("2026-01-09T23:00:00Z"), Instant.parse("2026-01-09T23:12:00Z"));
  }

  @Test
  void malformedRowFailsTheTaskWhenTheUserAsksForIt() throws Exception {
    props.put("noaa.malformed.rows.action", "fail");
    noaa.script(
        "9447130",
        "water_level",
        new ParsedResponse(
            null,
            List.of(row("2026-01-08T00:00:00Z")),
            List.of(unreadableTime(1, "2026-01-08 0006"))));
    engine(fresh(SEATTLE_WL));

    assertThatThrownBy(this::pollAll)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("9447130")
        .hasMessageContaining("index 1")
        .hasMessageContaining("noaa.malformed.rows.action=report");
  }

  @Test
  void anAnswerRejectedTheSameWayAgainAndAgainIsSaidOnceAtWarnWhileOtherUnitsKeepMoving()
      throws Exception {
    NoaaApiException html =
        NoaaApiException.rejected(
            BodyRejection.NOT_JSON,
            200,
            "NOAA answered with a non-JSON body (an HTML page or proxy error); will retry",
            "<html><head><title>Maintenance</title></head><body>" + "x".repeat(500),
            null);
    Object[] rejections = new Object[8];
    java.util.Arrays.fill(rejections, html);
    noaa.script("9447130", "water_level", rejections);
    List<SourceRecord> records = new ArrayList<>();

    try (LogCapture logs = LogCapture.of(AnswerHandler.class, Level.INFO)) {
      engine(fresh(SEATTLE_WL), fresh(BOSTON_WL));
      for (int i = 0; i < 12; i++) {
        records.addAll(pollAll());
        clock.advance(Duration.ofMinutes(5)); // the backoff's cap
      }

      assertThat(requestsOf(SEATTLE_WL)).hasSizeGreaterThan(8);
      assertThat(logs.lines(Level.WARN))
          .as("WARN lines")
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .contains("9447130")
                      .contains("not_json")
                      .contains("5 answers in a row")
                      .contains("\"<html><head><title>Maintenance</title></\"...")
                      .doesNotContain("xxxxx"));
      assertThat(logs.lines(Level.INFO, "9447130", "readable again")).hasSize(1);
    }
    List<SourceRecord> boston = records.stream().filter(r -> r.key().equals("8443970")).toList();
    assertThat(boston).as("the other unit's rows").hasSizeGreaterThan(480);
    assertContiguous(
        boston, Instant.parse("2026-01-08T00:00:00Z"), times(boston).get(boston.size() - 1));
    assertThat(records).filteredOn(r -> r.key().equals("9447130")).isNotEmpty();
    assertThat(events.rejectedAnswers).hasSize(8).containsOnly("not_json");
  }
}
