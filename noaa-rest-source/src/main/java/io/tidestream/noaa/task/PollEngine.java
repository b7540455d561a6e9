package io.tidestream.noaa.task;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.config.MalformedRowAction;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.pace.Pacing;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.plan.Window;
import io.tidestream.noaa.records.RecordSchemas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of a task: a priority queue of units by next-due time, at most one request in
 * flight per unit, requests only in the task's turns of the connector-wide schedule
 * ({@link Pacing}), per-unit retry with jittered backoff, a ban breaker, outage detection and
 * quarantine. Requests run asynchronously so {@link #poll} returns within {@code maxWait}
 * whatever NOAA does, and wakes up in time for the task's next turn. All state is touched by the
 * polling thread only; HTTP threads just hand completions over through a queue.
 */
public final class PollEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PollEngine.class);
  private static final Duration OUTAGE_WINDOW = Duration.ofMinutes(10);
  private static final Duration BLOCKED_WAIT = Duration.ofMillis(100);

  /** Sends one request; {@link NoaaClient} in production, a fake in tests. */
  public interface Fetcher {
    CompletableFuture<ParsedResponse> fetch(DataRequest request);

    String url(DataRequest request);
  }

  /**
   * What the engine noticed in NOAA's answers, for the task's metrics; called on the polling
   * thread.
   */
  public interface Events {
    /** An answer was not read as data for {@code reason} (it also counts as a transient failure). */
    void rejectedAnswer(BodyRejection reason);

    /** A row without a readable time was reported (once per row, not per repeated answer). */
    void malformedRow(ParsedResponse.RowProblem problem);

    /** A delivered record has null in {@code field} because NOAA sent text that is not a number. */
    void unreadableValue(String field);

    /** Events nobody listens to. */
    Events NONE = new Events() {
      @Override
      public void rejectedAnswer(BodyRejection reason) {}

      @Override
      public void malformedRow(ParsedResponse.RowProblem problem) {}

      @Override
      public void unreadableValue(String field) {}
    };
  }

  private record Completion(
      UnitState unit, Window window, DataRequest request, ParsedResponse response,
      NoaaApiException error) {}

  private final NoaaSourceConfig config;
  private final Planner planner;
  private final Fetcher fetcher;
  private final Pacing pacing;
  private final SlowDown slowDown = new SlowDown();
  private final CircuitBreaker breaker;
  private final ExponentialBackoff backoff;
  private final Clock clock;
  private final Events events;
  private final AnswerWatch answers = new AnswerWatch();
  private final RecordSchemas schemas = new RecordSchemas();
  private final OutageDetector outages;
  private final Map<String, StationMeta> stations;
  private final PriorityQueue<UnitState> due =
      new PriorityQueue<>(
          Comparator.comparing((UnitState u) -> u.nextDue())
              .thenComparing(UnitState::id, Comparator.naturalOrder()));
  private final LinkedBlockingQueue<Completion> completed = new LinkedBlockingQueue<>();
  private final Set<CompletableFuture<ParsedResponse>> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> outageLogged = new HashMap<>();
  private final int unitCount;
  private Instant notBefore = Instant.MIN;
  /** When {@link #dispatch} wants to look again (a unit due, a turn, a pause ending); null: no need. */
  private Instant wakeAt;
  private int banStreak;
  private volatile boolean closed;

  public PollEngine(
      NoaaSourceConfig config,
      Planner planner,
      List<UnitState> units,
      Map<String, StationMeta> stations,
      Fetcher fetcher,
      Pacing pacing,
      CircuitBreaker breaker,
      ExponentialBackoff backoff,
      Clock clock,
      Events events) {
    this.config = config;
    this.planner = planner;
    this.fetcher = fetcher;
    this.pacing = pacing;
    this.breaker = breaker;
    this.backoff = backoff;
    this.clock = clock;
    this.events = events;
    this.stations = new HashMap<>(stations);
    this.unitCount = units.size();
    this.outages = new OutageDetector(clock, OUTAGE_WINDOW, config.outageFraction(), unitCount);
    due.addAll(units);
    breaker.getEventPublisher().onStateTransition(e -> {
      switch (e.getStateTransition().getToState()) {
        case OPEN -> banOpened();
        case CLOSED -> banClosed();
        default -> { }
      }
    });
  }

  /** Called by the breaker (on the polling thread) each time a 403 opens it. */
  private void banOpened() {
    banStreak++;
    Duration cooldown = Duration.ofMillis(
        Politeness.banCooldown(config.banCooldown(), config.banCooldownMax()).apply(banStreak));
    log.error(banMessage(cooldown, banStreak, config.banCooldownMax(), config.requestsPerSecond(),
        pacing.tasks(), pacing.taskPeriod()));
  }

  /** The ERROR line of a ban: what happens now, and the real fix (the connector-wide rate). */
  static String banMessage(Duration cooldown, int streak, Duration maxCooldown, double rate,
      int tasks, Duration taskPeriod) {
    return "NOAA refused requests with 403 Forbidden: this host's IP address looks banned by "
        + "NOAA's API gateway for polling too fast. All requests of this task stop for " + cooldown
        + " (ban #" + streak + " in a row; the pause doubles on each repeat, up to " + maxCooldown
        + "). The request rate is connector-wide: " + NoaaSourceConfig.REQUESTS_PER_SECOND + "="
        + rate + " is shared by the connector's " + tasks + " task(s) in turn (each sends at most "
        + "one request every " + taskPeriod + ", staggered), so adding tasks never adds requests. "
        + "To fix: lower " + NoaaSourceConfig.REQUESTS_PER_SECOND + ", make sure nothing else on "
        + "this host (another connector, another program) polls NOAA, and contact NOAA CO-OPS if "
        + "it persists.";
  }

  private void banClosed() {
    if (banStreak > 0) {
      log.info("NOAA answers again after the ban cool-down; requests resume at the normal rate");
      banStreak = 0;
    }
  }

  /** Consecutive bans so far (0 when the breaker is closed). */
  int banStreak() {
    return banStreak;
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
      Completion c = completed.poll(waitBeforeLookingAgain(maxWait).toNanos(), TimeUnit.NANOSECONDS);
      if (c != null && !closed) {
        handle(c, out);
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
    Completion c;
    while (!closed && (c = completed.poll()) != null) {
      handle(c, out);
    }
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
      if (now.isBefore(notBefore)) {
        wakeAt = notBefore; // Retry-After
        return;
      }
      Optional<Window> window = planner.next(u, now);
      if (window.isEmpty()) {
        due.poll();
        u.nextDue(planner.idleUntil(u, now));
        due.add(u);
        continue;
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
      send(u, window.get());
    }
  }

  private void send(UnitState u, Window w) {
    UnitId id = u.id();
    DataRequest request =
        new DataRequest(id.station(), id.product(), id.datum(), config.units(), id.interval(),
            w.begin(), w.end());
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
          inFlight.remove(future);
          NoaaApiException error = null;
          if (e != null) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            error = cause instanceof NoaaApiException n
                ? n
                : new NoaaApiException(NoaaErrorKind.TRANSIENT, 0,
                    "Request failed for " + request.describe() + ": " + cause, null, null, null,
                    cause);
          }
          completed.add(new Completion(u, w, request, r, error));
        });
  }

  private void handle(Completion c, List<SourceRecord> out) {
    UnitState u = c.unit();
    Instant now = clock.instant();
    if (c.error() == null || c.error().kind() != NoaaErrorKind.THROTTLED) {
      slowDown.answered();
    }
    if (c.error() == null) {
      breaker.onSuccess(0, TimeUnit.NANOSECONDS);
      onResponse(u, c.window(), fetcher.url(c.request()), c.response(), now, out);
    } else {
      onError(u, c, now, out);
    }
    due.add(u);
  }

  private void onResponse(UnitState u, Window w, String url, ParsedResponse response, Instant now,
      List<SourceRecord> out) {
    UnitId id = u.id();
    outages.recovered(id.key());
    if (response.station() != null) {
      stations.merge(id.station(), response.station(), PollEngine::preferKnown);
    }
    answerRead(id);
    List<ParsedResponse.MalformedRow> malformed = malformedRows(u, w, url, response, now, out);
    StationMeta station = stations.get(id.station());
    String topic = config.topicFor(id.product());
    Schema schema = schemas.schema(id.product().family());
    Map<Instant, List<String>> unreadable = new HashMap<>();
    for (ParsedResponse.UnreadableValue v : response.unreadableValues()) {
      unreadable.computeIfAbsent(v.time(), t -> new ArrayList<>()).add(v.field());
    }
    int sent = 0;
    boolean revisionComplete = true;
    for (Observation o : response.rows()) {
      Instant t = o.time();
      if (t.isBefore(w.begin()) || t.isAfter(w.end())) {
        continue;
      }
      if (w.revision()) {
        if (u.verifiedWatermark() != null && !t.isAfter(u.verifiedWatermark())) {
          continue;
        }
        if (t.isAfter(u.watermark())) {
          break;
        }
        if (o.quality() == null) {
          continue; // a gap row carries no quality; nothing to revise
        }
        if (!o.isVerified()) {
          revisionComplete = false;
          break; // keep the verified watermark contiguous; ask again later
        }
      } else if (!t.isAfter(u.watermark())) {
        continue;
      }
      planner.sentRow(u, w, t, o.quality() == null || o.isVerified());
      out.add(new SourceRecord(
          id.partition(), u.offset().toMap(), topic, null,
          Schema.STRING_SCHEMA, id.station(),
          schema, schemas.toStruct(id, config.units(), station, o),
          recordTimestamp(t, now)));
      unreadable.getOrDefault(t, List.of()).forEach(events::unreadableValue);
      sent++;
    }
    if (!malformed.isEmpty()) {
      ParsedResponse.MalformedRow first = malformed.get(0);
      log.warn("{}: {} row(s) of NOAA's answer for {} .. {} have no readable time and were not "
              + "delivered (the first at index {}: {}); {} other row(s) were. {} To stop the "
              + "task on such rows instead, set {}=fail.",
          id, malformed.size(), w.begin(), w.end(), first.index(), first.reason(), sent,
          config.errorsTopic().isEmpty()
              ? "Set " + NoaaSourceConfig.ERRORS_TOPIC + " to keep them."
              : "They are on " + config.errorsTopic() + " as MALFORMED_ROW.",
          NoaaSourceConfig.MALFORMED_ROWS_ACTION);
    }
    if (w.revision()) {
      planner.afterRevision(u, w, now, sent > 0 && revisionComplete);
    } else if (sent == 0) {
      planner.afterEmpty(u, w, now);
    } else {
      planner.afterRows(u, w, now);
    }
    if (log.isDebugEnabled()) {
      log.debug("{}: {} record(s) from {} .. {}{}", id, sent, w.begin(), w.end(),
          w.revision() ? " (revisions)" : "");
    }
  }

  private void onError(UnitState u, Completion c, Instant now, List<SourceRecord> out) {
    NoaaApiException e = c.error();
    UnitId id = u.id();
    if (e.rejection().isPresent()) {
      answerRejected(id, e, e.rejection().get());
    } else if (e.noaaMessage() != null) {
      answerRead(id); // NOAA's own error message: the answer was read
    }
    if (e.kind() == NoaaErrorKind.BANNED) {
      breaker.onError(0, TimeUnit.NANOSECONDS, e);
    } else {
      breaker.onSuccess(0, TimeUnit.NANOSECONDS); // NOAA answered: not banned
    }
    if (e.kind() != NoaaErrorKind.NO_DATA && !config.errorsTopic().isEmpty()) {
      out.add(errorRecord(u, fetcher.url(c.request()), e, e.kind().name(), now));
    }
    switch (e.kind()) {
      case NO_DATA -> {
        if (!planner.settles(c.window(), now)) {
          // A recent window: empty is normal (the next sample is not published yet), and holding
          // it loses nothing whatever the cause, so it says nothing about an outage.
          planner.afterEmpty(u, c.window(), now);
        } else if (outages.record(id.key(), e.signature())) {
          outage(u, e, now);
        } else if (u.parameterStrike("NO_DATA " + c.window().begin()) < 2) {
          // The first units to meet a NOAA outage can't tell it from an empty window yet; moving
          // the watermark past an old window now would lose its rows for good. Ask once more
          // after the backoff: by then the outage detector has heard from the other units.
          int n = u.failed();
          u.nextDue(now.plus(Duration.ofMillis(backoff.delayMillis(n))));
          log.debug("{}: no data for {} .. {}; asking once more before moving past it", id,
              c.window().begin(), c.window().end());
        } else {
          planner.afterEmpty(u, c.window(), now);
        }
      }
      case RANGE_LIMIT -> {
        if (planner.halveSpan(u, now)) {
          log.info("{}: NOAA refused a {} window as too wide; asking for {} windows from now on",
              id, Duration.between(c.window().begin(), c.window().end()), u.span());
        } else {
          quarantine(u, e, now);
        }
      }
      case DATUM, WRONG_PARAMETER -> {
        if (outages.record(id.key(), e.signature())) {
          outage(u, e, now);
        } else if (u.parameterStrike(e.signature()) >= 2) {
          quarantine(u, e, now);
        } else {
          retryLater(u, e, now);
        }
      }
      case THROTTLED -> {
        Duration wait = e.retryAfter().orElse(Duration.ofMillis(backoff.delayMillis(u.failed())));
        notBefore = later(notBefore, now.plus(wait));
        u.nextDue(now.plus(wait));
        slowDown.throttled();
        log.warn("NOAA answered 429 Too Many Requests for {}; all requests of this task pause for "
            + "{}{}, then it uses only one in {} of its turns (one request every {} instead of "
            + "{}) until NOAA stays calm. If this repeats, lower {} (it is connector-wide).", id,
            wait, e.retryAfter().isPresent() ? " as its Retry-After asks" : "", slowDown.factor(),
            pacing.taskPeriod().multipliedBy(slowDown.factor()), pacing.taskPeriod(),
            NoaaSourceConfig.REQUESTS_PER_SECOND);
      }
      case BANNED -> u.nextDue(now); // waits for the breaker, which logged the ban
      case TRANSIENT -> {
        outages.record(id.key(), e.signature());
        retryLater(u, e, now);
      }
    }
  }

  /**
   * Rows of the answer that have no readable time. They cannot be placed in the series, so they
   * never move the watermark: the answer's other rows are delivered (and move it) as usual, and a
   * window without any readable row counts as empty. With {@code fail} the task stops; else each
   * row is reported once (a held window brings it back in the next answer): counted, and put on
   * the errors topic when one is set. Returns the rows reported now.
   */
  private List<ParsedResponse.MalformedRow> malformedRows(UnitState u, Window w, String url,
      ParsedResponse response, Instant now, List<SourceRecord> out) {
    if (response.malformed().isEmpty()) {
      answers.newlyMalformed(u.id().key(), List.of());
      return List.of();
    }
    if (config.malformedRowAction() == MalformedRowAction.FAIL) {
      ParsedResponse.MalformedRow first = response.malformed().get(0);
      throw new ConnectException(u.id() + ": NOAA sent " + response.malformed().size()
          + " row(s) without a readable time for " + w.begin() + " .. " + w.end()
          + ", the first at index " + first.index() + " (t=" + first.time() + "): "
          + first.reason() + ". The task stops because " + NoaaSourceConfig.MALFORMED_ROWS_ACTION
          + "=fail; set " + NoaaSourceConfig.MALFORMED_ROWS_ACTION + "=report (the default) to "
          + "deliver the other rows, report such rows and keep streaming.");
    }
    List<ParsedResponse.MalformedRow> fresh =
        answers.newlyMalformed(u.id().key(), response.malformed());
    for (ParsedResponse.MalformedRow row : fresh) {
      events.malformedRow(row.problem());
      if (!config.errorsTopic().isEmpty()) {
        NoaaApiException e = new NoaaApiException(NoaaErrorKind.TRANSIENT, 200,
            "Unreadable row at index " + row.index() + " (t=" + row.time() + "): " + row.reason(),
            null, row.rawJson(), null, null);
        out.add(errorRecord(u, url, e, "MALFORMED_ROW", now));
      }
    }
    return fresh;
  }

  /** Counts an answer whose body was not read; says so once when the unit keeps getting them. */
  private void answerRejected(UnitId id, NoaaApiException e, BodyRejection reason) {
    events.rejectedAnswer(reason);
    if (answers.rejected(id.key(), reason)) {
      log.warn("{}: {} answers in a row could not be read as NOAA's JSON ({}: {}); the last body "
              + "starts with {}. The unit keeps retrying with backoff and the other units "
              + "continue; this is said once until an answer is read again. If it goes on, check "
              + "that {} reaches NOAA's API and not a proxy or maintenance page.",
          id, AnswerWatch.REPEATS_BEFORE_WARN, reason.tag(), e.getMessage(), e.bodyStart(),
          NoaaSourceConfig.DATA_URL);
    }
  }

  /** An answer of the unit was read: ends a streak of rejections, saying so if it was told. */
  private void answerRead(UnitId id) {
    answers.read(id.key()).ifPresent(streak -> log.info(
        "{}: NOAA's answers are readable again after {} rejected as {}", id, streak.count(),
        streak.reason().tag()));
  }

  /** A record for the errors topic; it re-states the unit's current offset, never moves it. */
  private SourceRecord errorRecord(
      UnitState u, String url, NoaaApiException e, String kind, Instant now) {
    return new SourceRecord(
        u.id().partition(), u.offset().toMap(), config.errorsTopic(), null,
        Schema.STRING_SCHEMA, u.id().station(),
        schemas.errorSchema(), schemas.toErrorStruct(u.id(), url, e, kind, now),
        now.toEpochMilli());
  }

  private void retryLater(UnitState u, NoaaApiException e, Instant now) {
    int n = u.failed();
    Duration delay = Duration.ofMillis(backoff.delayMillis(n));
    u.nextDue(now.plus(delay));
    // a rejected answer is said once per streak, in onError; one alone is only counted
    if (e.rejection().isEmpty() && (n == 1 || n % 10 == 0)) {
      log.warn("{}: {} (failure {} in a row); retrying in {}, other units continue",
          u.id(), e.getMessage(), n, delay);
    } else if (log.isDebugEnabled()) {
      log.debug("{}: {} (failure {} in a row); retrying in {}", u.id(), e.getMessage(), n, delay);
    }
  }

  private void outage(UnitState u, NoaaApiException e, Instant now) {
    Instant last = outageLogged.get(e.signature());
    if (last == null || last.isBefore(now.minus(OUTAGE_WINDOW))) {
      outageLogged.put(e.signature(), now);
      log.warn("NOAA outage suspected: {} of this task's {} units got the same answer within {} "
              + "({}: {}). Treating it as temporary: units hold their position and retry with "
              + "backoff instead of being quarantined.",
          outages.count(e.signature()), unitCount, OUTAGE_WINDOW, e.kind(),
          e.noaaMessage() == null ? e.getMessage() : e.noaaMessage());
    }
    int n = u.failed();
    u.nextDue(now.plus(Duration.ofMillis(backoff.delayMillis(n))));
  }

  private void quarantine(UnitState u, NoaaApiException e, Instant now) {
    Instant recheck = now.plus(config.quarantineRecheck());
    u.quarantine(recheck);
    UnitId id = u.id();
    log.error("{}: NOAA rejects this station/product combination: \"{}\". The unit is "
            + "quarantined until {}; the other units continue. To fix: check that station {} "
            + "offers {}{} (see https://tidesandcurrents.noaa.gov/stationhome.html?id={}), then "
            + "change {} / {} and restart the connector.",
        id, e.noaaMessage() == null ? e.getMessage() : e.noaaMessage(), recheck, id.station(),
        id.product().apiName(), id.datum() == null ? "" : " with datum " + id.datum(),
        id.station(), NoaaSourceConfig.PRODUCTS, NoaaSourceConfig.DATUM);
  }

  /**
   * The Kafka record timestamp of a row observed (or predicted) at {@code t}: {@code t}, except
   * for rows in the future (predictions ahead), which get {@code now}. Brokers reject timestamps
   * more than {@code log.message.timestamp.after.max.ms} (1 hour by default in Kafka 4) ahead of
   * their clock, which would fail the task; the row's own time stays in the value's {@code time}.
   */
  static long recordTimestamp(Instant t, Instant now) {
    return t.isAfter(now) ? now.toEpochMilli() : t.toEpochMilli();
  }

  private static StationMeta preferKnown(StationMeta old, StationMeta fresh) {
    return new StationMeta(
        old.id() != null ? old.id() : fresh.id(),
        fresh.name() != null ? fresh.name() : old.name(),
        fresh.lat() != null ? fresh.lat() : old.lat(),
        fresh.lon() != null ? fresh.lon() : old.lon());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
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
