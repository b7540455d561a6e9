package io.tidestream.noaa.task;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.pace.Pacing;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.plan.Window;
import io.tidestream.noaa.retry.SlowDown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a task that owns time and threads: a priority queue of units by next-due time, at
 * most one request in flight per unit, requests only in the task's turns of the connector-wide
 * schedule ({@link Pacing}), fewer turns after a 429, none while the ban breaker is open. Requests
 * run asynchronously so {@link #poll} returns within {@code maxWait} whatever NOAA does, and wakes
 * up in time for the task's next turn. Each answer goes to the {@link AnswerHandler} on the polling
 * thread; HTTP threads just hand answers over through a queue.
 *
 * <p>Built by {@link TaskComponents}.
 */
public final class UnitScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UnitScheduler.class);
  private static final Duration BLOCKED_WAIT = Duration.ofMillis(100);

  /**
   * Answers a task holds at most, in flight or waiting to be handled. While it holds that many it
   * skips its turns: when NOAA answers faster than Connect takes the records (a backfill at a high
   * rate), answers of 7,200 rows and more would otherwise pile up, one per unit.
   */
  static final int MAX_PENDING_ANSWERS = 4;

  /**
   * {@link #poll} stops handling answers once it has this many records; the other answers wait for
   * the next poll. An answer is never split, so a batch holds at most this many records plus one
   * answer's.
   */
  static final int MAX_RECORDS_PER_POLL = 10_000;

  private final String units;
  private final Planner planner;
  private final Fetcher fetcher;
  private final Pacing pacing;
  private final SlowDown slowDown;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final AnswerHandler handler;
  private final PriorityQueue<UnitState> due =
      new PriorityQueue<>(
          Comparator.comparing((UnitState u) -> u.nextDue())
              .thenComparing(UnitState::id, Comparator.naturalOrder()));
  private final LinkedBlockingQueue<Answer> completed = new LinkedBlockingQueue<>();
  private final Set<CompletableFuture<ParsedResponse>> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * When {@link #dispatch} wants to look again (a unit due, a turn, a pause ending); null: no need.
   */
  private Instant wakeAt;

  private volatile boolean closed;

  /**
   * @param units NOAA's unit system of every request ({@code metric}/{@code english})
   */
  UnitScheduler(
      String units,
      Planner planner,
      List<UnitState> unitStates,
      Fetcher fetcher,
      Pacing pacing,
      SlowDown slowDown,
      CircuitBreaker breaker,
      Clock clock,
      AnswerHandler handler) {
    this.units = units;
    this.planner = planner;
    this.fetcher = fetcher;
    this.pacing = pacing;
    this.slowDown = slowDown;
    this.breaker = breaker;
    this.clock = clock;
    this.handler = handler;
    due.addAll(unitStates);
  }

  /**
   * Returns the records that are ready, waiting at most {@code maxWait} for an answer; null when
   * there are none (Connect calls again).
   */
  public List<SourceRecord> poll(Duration maxWait) throws InterruptedException {
    List<SourceRecord> out = new ArrayList<>();
    drain(out);
    dispatch();
    if (out.isEmpty() && !closed) {
      // an answer ends the wait early; otherwise wake up for the next turn or due unit
      Answer a = completed.poll(waitBeforeLookingAgain(maxWait).toNanos(), TimeUnit.NANOSECONDS);
      if (a != null && !closed) {
        handle(a, out);
        drain(out);
      }
      dispatch();
    }
    return out.isEmpty() ? null : out;
  }

  /** How long poll() may wait for an answer before it must look at the schedule again. */
  Duration waitBeforeLookingAgain(Duration maxWait) {
    if (wakeAt == null) {
      return maxWait;
    }
    Duration d = Duration.between(clock.instant(), wakeAt);
    return d.isNegative() ? Duration.ZERO : min(maxWait, d);
  }

  private void drain(List<SourceRecord> out) {
    Answer a;
    while (!closed && out.size() < MAX_RECORDS_PER_POLL && (a = completed.poll()) != null) {
      handle(a, out);
    }
  }

  private void handle(Answer a, List<SourceRecord> out) {
    handler.handle(a, out);
    due.add(a.unit());
  }

  /**
   * Sends a request for the most overdue unit when it is the task's turn and the breaker allows,
   * and notes in {@link #wakeAt} when to look again.
   */
  private void dispatch() {
    wakeAt = null;
    while (!closed) {
      Instant now = clock.instant();
      UnitState u = due.peek();
      if (u == null) {
        return; // only answers can bring work
      }
      if (u.nextDue().isAfter(now)) {
        wakeAt = u.nextDue();
        return;
      }
      if (now.isBefore(slowDown.pausedUntil())) {
        wakeAt = slowDown.pausedUntil(); // Retry-After
        return;
      }
      Planner.Next next = planner.next(u, now);
      if (next.revisionsDueAgain() != null) {
        u.revisionsDue(next.revisionsDueAgain());
      }
      if (next.window() == null) {
        due.poll();
        u.nextDue(planner.idleUntil(u, now));
        due.add(u);
        continue;
      }
      if (inFlight.size() + completed.size() >= MAX_PENDING_ANSWERS) {
        return; // an answer (or the next poll, handling one) brings the next turn
      }
      Instant turn = pacing.nextTurn(now, slowDown.factor());
      if (turn.isAfter(now)) {
        wakeAt = turn;
        return;
      }
      if (!breaker.tryAcquirePermission()) {
        wakeAt = now.plus(BLOCKED_WAIT); // the ban cool-down; look again soon
        return;
      }
      due.poll();
      pacing.sent(now);
      send(u, next.window());
    }
  }

  private void send(UnitState u, Window w) {
    UnitId id = u.id();
    DataRequest request =
        new DataRequest(
            id.station(), id.product(), id.datum(), units, id.interval(), w.begin(), w.end());
    if (log.isDebugEnabled()) {
      log.debug("Requesting {}{}", request.describe(), w.revision() ? " (revisions)" : "");
    }
    CompletableFuture<ParsedResponse> f;
    try {
      f = fetcher.fetch(request);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    inFlight.add(f);
    CompletableFuture<ParsedResponse> future = f;
    f.whenComplete(
        (r, e) -> {
          NoaaApiException error = null;
          if (e != null) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            error =
                cause instanceof NoaaApiException n
                    ? n
                    : new NoaaApiException(
                        NoaaErrorKind.TRANSIENT,
                        0,
                        "Request failed for " + request.describe() + ": " + cause,
                        null,
                        null,
                        null,
                        cause);
          }
          completed.add(new Answer(u, w, request, r, error));
          inFlight.remove(future); // after: the pending count never dips below the truth
        });
  }

  /** Consecutive bans so far (0 when the breaker is closed). */
  int banStreak() {
    return handler.banStreak();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Units waiting in the queue (not those in flight), for tests. */
  public List<UnitState> unitsForTest() {
    return new ArrayList<>(due);
  }

  @Override
  public void close() {
    closed = true;
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
  }
}
