package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillCountTest {

  static final Instant CREATED = Instant.parse("2026-01-10T07:43:27Z");
  static final Instant START = Instant.parse("2025-12-11T07:43:00Z");
  static final String DATA = "/api/prod/datagetter";

  private final List<BackfillCount.Logged> log = new ArrayList<>();
  private Instant clock = CREATED.plusSeconds(5);

  private static BackfillCount.Plan plan(String... units) {
    return new BackfillCount.Plan(
        CREATED, Duration.ofMinutes(3), Duration.ofDays(2), List.of(units), 2.0);
  }

  private void request(String unit, String begin, String end) {
    String[] p = unit.split("/");
    log.add(
        new BackfillCount.Logged(
            clock, DATA, p[0], p[1], Instant.parse(begin), Instant.parse(end)));
    clock = clock.plusMillis(500);
  }

  private void metadata() {
    log.add(
        new BackfillCount.Logged(
            clock, "/mdapi/prod/webapi/stations.json", null, null, null, null));
    clock = clock.plusMillis(500);
  }

  @Test
  void oneWindowPerThirtyOneDaysAndEightForOneMinuteDataIsTheMinimum() {
    metadata();
    request("9900001/water_level", "2025-12-11T07:43:00Z", "2026-01-10T07:40:00Z");
    request("9900001/predictions", "2025-12-11T07:43:00Z", "2026-01-12T07:43:00Z");
    Instant b = START;
    for (int i = 0; i < 8; i++) {
      Instant e = b.plus(Duration.ofDays(4)).minusSeconds(60);
      request(
          "9900001/one_minute_water_level",
          b.toString(),
          (e.isAfter(Instant.parse("2026-01-10T07:40:00Z"))
              ? "2026-01-10T07:40:00Z"
              : e.toString()));
      b = e.plusSeconds(60);
    }
    // a tail request for new data after catching up
    request("9900001/water_level", "2026-01-10T07:37:00Z", "2026-01-10T07:48:00Z");

    BackfillResult.Requests r =
        BackfillCount.count(
            plan("9900001/water_level", "9900001/predictions", "9900001/one_minute_water_level"),
            log);

    assertThat(r.made()).isEqualTo(10);
    assertThat(r.minimum()).isEqualTo(10);
    assertThat(r.repeats()).isZero();
    assertThat(r.tail()).isEqualTo(1);
    assertThat(r.metadata()).isEqualTo(1);
    assertThat(r.behind()).isEmpty();
    assertThat(r.minimal()).isTrue();
    assertThat(r.peakOneSecond()).isEqualTo(2);
    assertThat(r.withinRate()).isTrue();
  }

  @Test
  void narrowerWindowsThanNoaaAllowsAreAboveTheMinimum() {
    request("9900001/water_level", "2025-12-11T07:43:00Z", "2025-12-26T07:42:00Z");
    request("9900001/water_level", "2025-12-26T07:43:00Z", "2026-01-10T07:40:00Z");

    BackfillResult.Requests r = BackfillCount.count(plan("9900001/water_level"), log);

    assertThat(r.made()).isEqualTo(2);
    assertThat(r.minimum()).isEqualTo(1);
    assertThat(r.aboveMinimum()).containsExactly("9900001/water_level 2/1");
    assertThat(r.minimal()).isFalse();
  }

  @Test
  void aWindowAskedForAgainIsARepeatAndAUnitThatNeverReachedNowIsBehind() {
    request("9900001/water_level", "2026-01-10T07:37:00Z", "2026-01-10T07:40:00Z");
    request("9900001/water_level", "2026-01-10T07:37:00Z", "2026-01-10T07:42:00Z");
    request("9900002/water_level", "2025-12-11T07:43:00Z", "2026-01-01T00:00:00Z");

    BackfillResult.Requests r =
        BackfillCount.count(plan("9900001/water_level", "9900002/water_level"), log);

    assertThat(r.repeats()).isEqualTo(1);
    assertThat(r.behind()).containsExactly("9900002/water_level");
    assertThat(r.minimal()).isFalse();
  }

  @Test
  void peaksCountSlidingWindowsAndClockSeconds() {
    List<Instant> t =
        List.of(
            Instant.parse("2026-01-10T00:00:00.600Z"),
            Instant.parse("2026-01-10T00:00:00.900Z"),
            Instant.parse("2026-01-10T00:00:01.100Z"),
            Instant.parse("2026-01-10T00:00:01.500Z"),
            Instant.parse("2026-01-10T00:00:03.000Z"));

    assertThat(BackfillCount.peakWithin(t, Duration.ofSeconds(1))).isEqualTo(4);
    assertThat(BackfillCount.peakPerClockSecond(t)).isEqualTo(2);
    assertThat(BackfillCount.peakWithin(t, Duration.ofSeconds(10))).isEqualTo(5);
  }
}
