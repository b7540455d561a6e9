package io.tidestream.noaa.pace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSlotsTest {

  /** Not on any slot boundary. */
  static final Instant T0 = Instant.parse("2026-01-10T00:00:00.123456789Z");

  static final double[] RATES = {0.001, 0.05, 0.25, 0.36, 0.5, 0.999, 1, 1.5, 2.5, 3, 7, 9.99, 10};
  static final int[] TASKS = {1, 2, 3, 7, 9, 16, 50};

  static Stream<Arguments> ratesAndTasks() {
    List<Arguments> out = new ArrayList<>();
    for (double rate : RATES) {
      for (int n : TASKS) {
        out.add(Arguments.of(rate, n));
      }
    }
    return out.stream();
  }

  /** One request: when, which slot, which task. */
  record Send(Instant at, long slot, int task, int generation) {}

  /** A task of the simulation, waking up at {@code wake}. */
  static final class SimTask {
    final RequestSlots slots;
    final int index;
    final int generation;
    Instant wake;

    SimTask(RequestSlots slots, int index, int generation, Instant wake) {
      this.slots = slots;
      this.index = index;
      this.generation = generation;
      this.wake = wake;
    }
  }

  /**
   * Runs {@code n} tasks from {@code from} until {@code until}: each wakes at its next turn plus a
   * random delay (often within the grace, sometimes a whole period or three late), sends when its
   * schedule says so, and looks again soon after.
   */
  static List<Send> run(
      double rate, int n, Instant from, Instant until, int generation, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long period = RequestSlots.periodNanos(rate);
    PriorityQueue<SimTask> tasks = new PriorityQueue<>(Comparator.comparing((SimTask t) -> t.wake));
    for (int i = 0; i < n; i++) {
      tasks.add(
          new SimTask(
              new RequestSlots(rate, i, n, from),
              i,
              generation,
              from.plusNanos(random.nextLong(period))));
    }
    List<Send> sends = new ArrayList<>();
    while (!tasks.isEmpty() && tasks.peek().wake.isBefore(until)) {
      SimTask t = tasks.poll();
      Instant turn = t.slots.nextTurn(t.wake, 1);
      if (turn.equals(t.wake)) {
        sends.add(new Send(t.wake, t.slots.slotAt(t.wake), t.index, generation));
        t.slots.sent(t.wake);
        t.wake = t.wake.plusNanos(1 + random.nextLong(period / 10 + 1));
      } else {
        t.wake = turn.plusNanos(delay(random, period));
      }
      tasks.add(t);
    }
    return sends;
  }

  /** How late a task wakes up after its turn: mostly a little, sometimes a lot. */
  static long delay(SplittableRandom random, long period) {
    double roll = random.nextDouble();
    if (roll < 0.5) {
      return random.nextLong(period / 4 + 1);
    } else if (roll < 0.8) {
      return random.nextLong(period + 1);
    }
    return random.nextLong(3 * period + 1);
  }

  static long allowedIn1s(double rate) {
    return (long) Math.ceil(rate - 1e-9) + 1;
  }

  static long allowedIn10s(double rate) {
    return (long) Math.floor(10 * rate + 1e-9) + 1;
  }

  /** The most requests in any half-open window of {@code window} starting at a request. */
  static long busiestWindow(List<Send> sends, Duration window) {
    List<Instant> times = sends.stream().map(Send::at).sorted().toList();
    long most = 0;
    int j = 0;
    for (int i = 0; i < times.size(); i++) {
      Instant end = times.get(i).plus(window);
      if (j < i) {
        j = i;
      }
      while (j < times.size() && times.get(j).isBefore(end)) {
        j++;
      }
      most = Math.max(most, j - i);
    }
    return most;
  }

  static void assertEverySendInAnOwnedSlotOnceAndWithinItsGrace(
      List<Send> sends, double rate, int n) {
    RequestSlots any = new RequestSlots(rate, 0, n, T0);
    Set<Long> slots = new HashSet<>();
    for (Send s : sends) {
      assertThat(Math.floorMod(s.slot(), (long) n))
          .as("owner of slot %s sent at %s", s.slot(), s.at())
          .isEqualTo((long) s.task());
      assertThat(slots.add(s.slot())).as("slot %s used twice", s.slot()).isTrue();
      Duration late = Duration.between(any.slotStart(s.slot()), s.at());
      assertThat(late)
          .as("lateness of the request at %s", s.at())
          .isGreaterThanOrEqualTo(Duration.ZERO)
          .isLessThan(any.grace());
    }
  }

  @ParameterizedTest(name = "{0} requests/s, {1} tasks")
  @MethodSource("ratesAndTasks")
  void everyWindowHoldsTheBoundForAnyRateAndTaskCountWithLateWakeUps(double rate, int n) {
    long period = RequestSlots.periodNanos(rate);
    // 2000 slots (200 at the slowest rate), at least 10 minutes
    Duration length =
        Duration.ofNanos(
            Math.max(period * (rate < 0.01 ? 200 : 2000), Duration.ofMinutes(10).toNanos()));

    List<Send> sends = run(rate, n, T0, T0.plus(length), 0, 42L + n);

    assertEverySendInAnOwnedSlotOnceAndWithinItsGrace(sends, rate, n);
    assertThat(busiestWindow(sends, Duration.ofSeconds(1)))
        .as("requests in the busiest 1-s window")
        .isLessThanOrEqualTo(allowedIn1s(rate));
    assertThat(busiestWindow(sends, Duration.ofSeconds(10)))
        .as("requests in the busiest 10-s window")
        .isLessThanOrEqualTo(allowedIn10s(rate));
    long slotsInRun = length.toNanos() / period;
    assertThat((long) sends.size())
        .as("requests sent in %s slots", slotsInRun)
        .isGreaterThanOrEqualTo(slotsInRun / 5);
  }

  @ParameterizedTest(name = "{0} requests/s, {1} tasks")
  @MethodSource("ratesAndTasks")
  void tasksThatWakeUpOnTimeUseEverySlotExactlyOnce(double rate, int n) {
    long period = RequestSlots.periodNanos(rate);
    List<RequestSlots> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(new RequestSlots(rate, i, n, T0));
    }
    Instant first = RequestSlots.slotStartAtOrAfter(rate, T0);
    List<Long> used = new ArrayList<>();
    for (int k = 0; k < 500; k++) {
      Instant at = first.plusNanos(k * period);
      for (RequestSlots t : tasks) {
        if (t.nextTurn(at, 1).equals(at)) {
          t.sent(at);
          used.add(t.slotAt(at));
        }
      }
    }
    long firstSlot = tasks.get(0).slotAt(first);
    assertThat(used)
        .as("slots used when every task looks at every slot start")
        .containsExactlyElementsOf(Stream.iterate(firstSlot, k -> k + 1).limit(500).toList());
  }

  @Test
  void rebalanceFromSevenToFourAndBackKeepsTheBoundsAcrossGenerations() {
    double rate = 1;
    SplittableRandom random = new SplittableRandom(7);
    List<Send> all = new ArrayList<>();
    Instant from = T0;
    int[] generations = {7, 4, 9, 1, 7, 3};
    for (int g = 0; g < generations.length; g++) {
      Instant until = from.plus(Duration.ofSeconds(120 + random.nextInt(120)));
      List<Send> sends = run(rate, generations[g], from, until, g, 100 + g);
      assertEverySendInAnOwnedSlotOnceAndWithinItsGrace(sends, rate, generations[g]);
      all.addAll(sends);
      // the next generation starts when this one has stopped, after a restart gap of 0-3 s
      from = until.plusMillis(random.nextInt(3000));
    }

    assertThat(all.stream().map(Send::slot).distinct().count())
        .as("slots used twice across generations")
        .isEqualTo(all.size());
    assertThat(busiestWindow(all, Duration.ofSeconds(1))).isLessThanOrEqualTo(2);
    assertThat(busiestWindow(all, Duration.ofSeconds(10))).isLessThanOrEqualTo(11);
  }

  @Test
  void aTaskSendsInItsOwnSlotsOnlyAndSkipsOnesItWakesUpTooLateFor() {
    Instant whole = Instant.parse("2026-01-10T00:00:00Z");
    long k0 = whole.getEpochSecond(); // at 1 request/s slot k starts at second k
    int mine = (int) Math.floorMod(k0 + 3, 7L);
    RequestSlots slots = new RequestSlots(1, mine, 7, whole);
    Instant myFirst = whole.plusSeconds(3);

    assertThat(slots.grace()).isEqualTo(Duration.ofMillis(500));
    assertThat(slots.nextTurn(whole, 1)).as("before its slot").isEqualTo(myFirst);
    assertThat(slots.nextTurn(myFirst.minusNanos(1), 1)).isEqualTo(myFirst);
    assertThat(slots.nextTurn(myFirst.plusMillis(499), 1))
        .as("late, within the grace")
        .isEqualTo(myFirst.plusMillis(499));
    assertThat(slots.nextTurn(myFirst.plusMillis(500), 1))
        .as("too late: the next own slot, 7 s on")
        .isEqualTo(myFirst.plusSeconds(7));

    slots.sent(myFirst.plusMillis(10));
    assertThat(slots.nextTurn(myFirst.plusMillis(20), 1))
        .as("one request per slot")
        .isEqualTo(myFirst.plusSeconds(7));
    assertThat(slots.nextTurn(myFirst.plusSeconds(7), 1)).isEqualTo(myFirst.plusSeconds(7));
  }

  @Test
  void afterA429OnlyEveryFactorthOwnSlotIsUsed() {
    Instant whole = Instant.parse("2026-01-10T00:00:00Z");
    RequestSlots slots =
        new RequestSlots(2, (int) Math.floorMod(whole.getEpochSecond() * 2, 3L), 3, whole);
    assertThat(slots.nextTurn(whole, 4)).isEqualTo(whole);
    slots.sent(whole);

    // own slots every 1.5 s; with a slow-down of 4, the next one used is 6 s later
    assertThat(slots.nextTurn(whole.plusMillis(1500), 4)).isEqualTo(whole.plusSeconds(6));
    assertThat(slots.nextTurn(whole.plusMillis(1500), 1)).isEqualTo(whole.plusMillis(1500));
  }

  @Test
  void aNewTaskNeverUsesASlotThatStartedBeforeIt() {
    Instant whole = Instant.parse("2026-01-10T00:00:00Z");
    RequestSlots slots =
        new RequestSlots(
            1, (int) Math.floorMod(whole.getEpochSecond(), 1L), 1, whole.plusMillis(1));
    assertThat(slots.nextTurn(whole.plusMillis(2), 1)).isEqualTo(whole.plusSeconds(1));
  }

  @Test
  void graceLeavesRoomForTheTenSecondBound() {
    assertThat(RequestSlots.graceFraction(1)).isEqualTo(0.5);
    assertThat(RequestSlots.graceFraction(0.5)).isEqualTo(0.5);
    assertThat(RequestSlots.graceFraction(0.3)).isEqualTo(0.5);
    assertThat(RequestSlots.graceFraction(0.25)).isEqualTo(0.25);
    // 10 x 0.36 = 3.6 would leave a grace of 0.2 periods: the slots run at 0.35/s instead
    assertThat(RequestSlots.slotRate(0.36)).isEqualTo(0.35);
    assertThat(RequestSlots.graceFraction(0.36))
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(RequestSlots.slotRate(0.999)).isEqualTo(0.95);
    assertThat(RequestSlots.slotRate(9.99)).isEqualTo(9.95);
    assertThat(RequestSlots.slotRate(0.07)).isEqualTo(0.05);
    for (double rate : RATES) {
      assertThat(RequestSlots.slotRate(rate))
          .isLessThanOrEqualTo(rate)
          .isGreaterThan(rate - 0.05 - 1e-9);
      assertThat(RequestSlots.graceFraction(rate)).isBetween(0.25, 0.5);
    }
  }

  @Test
  void slotStartsAreWholeMultiplesOfThePeriodSinceTheEpoch() {
    assertThat(RequestSlots.slotStartAtOrAfter(1, T0))
        .isEqualTo(Instant.parse("2026-01-10T00:00:01Z"));
    assertThat(RequestSlots.slotStartAtOrAfter(4, T0))
        .isEqualTo(Instant.parse("2026-01-10T00:00:00.25Z"));
    assertThat(RequestSlots.slotStartAtOrAfter(1, Instant.parse("2026-01-10T00:00:01Z")))
        .isEqualTo(Instant.parse("2026-01-10T00:00:01Z"));
  }

  @Test
  void rejectsImpossibleSchedules() {
    assertThatThrownBy(() -> new RequestSlots(0, 0, 1, T0)).hasMessageContaining("rate");
    assertThatThrownBy(() -> new RequestSlots(1, 3, 3, T0)).hasMessageContaining("task 3 of 3");
  }
}
