package io.tidestream.noaa.task;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.pace.Pacing;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.plan.Window;
import io.tidestream.noaa.records.RecordBuilder;
import io.tidestream.noaa.records.RowSelection;
import io.tidestream.noaa.retry.FailurePolicy;
import io.tidestream.noaa.retry.NextStep;
import io.tidestream.noaa.retry.OutageDetector;
import io.tidestream.noaa.retry.Politeness;
import io.tidestream.noaa.retry.RetryMessages;
import io.tidestream.noaa.retry.SlowDown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on one answer, on the polling thread. The response path reads one way: the parsed answer
 * ({@code parse}) → the rows to deliver ({@link RowSelection}) → records ({@link RecordBuilder}) →
 * the unit's new state ({@link Planner}'s decision, applied to {@link UnitState}). A failed request
 * goes to the {@link FailurePolicy}, and this class does what its {@link NextStep} says. It also
 * tells the ban breaker how NOAA answered, and logs what a person should know.
 */
final class AnswerHandler {

  private static final Logger log = LoggerFactory.getLogger(AnswerHandler.class);
  static final Duration OUTAGE_WINDOW = Duration.ofMinutes(10);

  private final NoaaSourceConfig config;
  private final Planner planner;
  private final FailurePolicy policy;
  private final RecordBuilder records;
  private final Fetcher fetcher;
  private final Pacing pacing;
  private final SlowDown slowDown;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final TaskEvents events;
  private final AnswerWatch answers = new AnswerWatch();
  private final MalformedRows malformedRows;
  private final OutageDetector outages;
  private final Map<String, StationMeta> stations;
  private final Map<String, Instant> outageLogged = new HashMap<>();
  private final int unitCount;
  private int banStreak;

  AnswerHandler(
      NoaaSourceConfig config,
      Planner planner,
      FailurePolicy policy,
      RecordBuilder records,
      Map<String, StationMeta> stations,
      int unitCount,
      Fetcher fetcher,
      Pacing pacing,
      SlowDown slowDown,
      CircuitBreaker breaker,
      Clock clock,
      TaskEvents events) {
    this.config = config;
    this.planner = planner;
    this.policy = policy;
    this.records = records;
    this.stations = new HashMap<>(stations);
    this.unitCount = unitCount;
    this.fetcher = fetcher;
    this.pacing = pacing;
    this.slowDown = slowDown;
    this.breaker = breaker;
    this.clock = clock;
    this.events = events;
    this.malformedRows = new MalformedRows(config, records, answers, events);
    this.outages = new OutageDetector(clock, OUTAGE_WINDOW, config.outageFraction(), unitCount);
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> {
              switch (e.getStateTransition().getToState()) {
                case OPEN -> banOpened();
                case CLOSED -> banClosed();
                default -> {}
              }
            });
  }

  /** Called by the breaker (on the polling thread) each time a 403 opens it. */
  private void banOpened() {
    banStreak++;
    Duration cooldown =
        Duration.ofMillis(
            Politeness.banCooldown(config.banCooldown(), config.banCooldownMax()).apply(banStreak));
    log.error(
        RetryMessages.ban(
            cooldown,
            banStreak,
            config.banCooldownMax(),
            config.requestsPerSecond(),
            pacing.tasks(),
            pacing.taskPeriod()));
  }

  private void banClosed() {
    if (banStreak > 0) {
      log.info(RetryMessages.banOver());
      banStreak = 0;
    }
  }

  /** Consecutive bans so far (0 when the breaker is closed). */
  int banStreak() {
    return banStreak;
  }

  /** Handles one answer; the records it makes go to {@code out}. */
  void handle(Answer a, List<SourceRecord> out) {
    Instant now = clock.instant();
    if (a.error() == null || a.error().kind() != NoaaErrorKind.THROTTLED) {
      slowDown.answered();
    }
    if (a.error() == null) {
      breaker.onSuccess(0, TimeUnit.NANOSECONDS);
      onResponse(a.unit(), a.window(), fetcher.url(a.request()), a.response(), now, out);
    } else {
      onError(a, now, out);
    }
  }

  private void onResponse(
      UnitState u,
      Window w,
      String url,
      ParsedResponse response,
      Instant now,
      List<SourceRecord> out) {
    UnitId id = u.id();
    outages.recovered(id.key());
    if (response.station() != null) {
      stations.merge(id.station(), response.station(), AnswerHandler::preferKnown);
    }
    answerRead(id);
    List<ParsedResponse.MalformedRow> malformed =
        malformedRows.report(u, w, url, response, now, out);
    StationMeta station = stations.get(id.station());
    Map<Instant, List<String>> unreadable = new HashMap<>();
    for (ParsedResponse.UnreadableValue v : response.unreadableValues()) {
      unreadable.computeIfAbsent(v.time(), t -> new ArrayList<>()).add(v.field());
    }
    RowSelection.Selected selected =
        RowSelection.select(w, u.watermark(), u.verifiedWatermark(), response.rows());
    boolean revises = planner.revises(id);
    for (Observation o : selected.rows()) {
      u.delivered(w, o.time(), o.quality() == null || o.isVerified(), revises);
      out.add(records.observation(id, u.offset(), station, o, now));
      unreadable.getOrDefault(o.time(), List.of()).forEach(events::unreadableValue);
    }
    int sent = selected.rows().size();
    malformedRows.warnNotDelivered(id, w, malformed, sent);
    if (w.revision()) {
      revisionAnswered(u, w, now, sent > 0 && selected.revisionComplete());
    } else if (sent == 0) {
      emptyAnswered(u, w, now);
    } else {
      u.rowsAnswered(planner.dueAfterRows(u, w, now));
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "{}: {} record(s) from {} .. {}{}",
          id,
          sent,
          w.begin(),
          w.end(),
          w.revision() ? " (revisions)" : "");
    }
  }

  private void revisionAnswered(UnitState u, Window w, Instant now, boolean wholeWindowVerified) {
    u.revisionsAnswered(planner.revisionsDueAfter(u, w, now, wholeWindowVerified), now);
  }

  /** An empty answer: a revisions window waits for the next round; a data window holds or moves. */
  private void emptyAnswered(UnitState u, Window w, Instant now) {
    if (w.revision()) {
      revisionAnswered(u, w, now, false);
    } else {
      u.emptyAnswered(w, planner.afterEmpty(u, w, now));
    }
  }

  private void onError(Answer a, Instant now, List<SourceRecord> out) {
    NoaaApiException e = a.error();
    UnitState u = a.unit();
    UnitId id = u.id();
    Window w = a.window();
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
    if (e.kind() != NoaaErrorKind.NO_DATA && records.errorsWanted()) {
      out.add(records.error(id, u.offset(), fetcher.url(a.request()), e, e.kind().name(), now));
    }
    boolean settles = planner.settles(w, now);
    boolean outage =
        FailurePolicy.countsTowardOutage(e.kind(), settles)
            && outages.record(id.key(), e.signature());
    String strike = FailurePolicy.strikeSignature(e.kind(), e.signature(), w);
    NextStep step =
        policy.decide(
            new FailurePolicy.Failure(
                e.kind(),
                e.retryAfter(),
                settles,
                outage,
                u.strikeIfRepeated(strike),
                u.failures() + 1,
                Planner.halved(u.span())),
            strike,
            now);
    if (step.strike() != null) {
      u.parameterStrike(step.strike());
    }
    if (step.countsFailure()) {
      u.failed();
    }
    act(u, w, e, step, now);
  }

  /** Does what the failure policy decided. */
  private void act(UnitState u, Window w, NoaaApiException e, NextStep step, Instant now) {
    UnitId id = u.id();
    switch (step.action()) {
      case EMPTY_WINDOW -> emptyAnswered(u, w, now);
      case ASK_AGAIN -> {
        u.nextDue(now.plus(step.delay()));
        log.debug(
            "{}: no data for {} .. {}; asking once more before moving past it",
            id,
            w.begin(),
            w.end());
      }
      case NARROW -> {
        u.narrow(step.span(), now);
        log.info(RetryMessages.narrowed(id, Duration.between(w.begin(), w.end()), step.span()));
      }
      case QUARANTINE -> {
        u.quarantine(step.until());
        log.error(RetryMessages.quarantine(id, e, step.until()));
      }
      case OUTAGE -> {
        Instant last = outageLogged.get(e.signature());
        if (last == null || last.isBefore(now.minus(OUTAGE_WINDOW))) {
          outageLogged.put(e.signature(), now);
          log.warn(RetryMessages.outage(outages.count(e.signature()), unitCount, OUTAGE_WINDOW, e));
        }
        u.nextDue(now.plus(step.delay()));
      }
      case SLOW_DOWN -> {
        slowDown.pauseUntil(now.plus(step.delay()));
        u.nextDue(now.plus(step.delay()));
        slowDown.throttled();
        log.warn(RetryMessages.throttled(id, step, slowDown.factor(), pacing.taskPeriod()));
      }
      case AWAIT_BREAKER -> u.nextDue(now); // waits for the breaker, which logged the ban
      case RETRY_AFTER -> {
        u.nextDue(now.plus(step.delay()));
        // a rejected answer is said once per streak, in onError; one alone is only counted
        if (FailurePolicy.worthWarning(step.failure(), e.rejection().isPresent())) {
          log.warn(RetryMessages.retry(id, e, step, true));
        } else if (log.isDebugEnabled()) {
          log.debug(RetryMessages.retry(id, e, step, false));
        }
      }
    }
  }

  /** Counts an answer whose body was not read; says so once when the unit keeps getting them. */
  private void answerRejected(UnitId id, NoaaApiException e, BodyRejection reason) {
    events.rejectedAnswer(reason);
    if (answers.rejected(id.key(), reason)) {
      log.warn(
          "{}: {} answers in a row could not be read as NOAA's JSON ({}: {}); the last body "
              + "starts with {}. The unit keeps retrying with backoff and the other units "
              + "continue; this is said once until an answer is read again. If it goes on, check "
              + "that {} reaches NOAA's API and not a proxy or maintenance page.",
          id,
          AnswerWatch.REPEATS_BEFORE_WARN,
          reason.tag(),
          e.getMessage(),
          e.bodyStart(),
          NoaaSourceConfig.DATA_URL);
    }
  }

  /** An answer of the unit was read: ends a streak of rejections, saying so if it was told. */
  private void answerRead(UnitId id) {
    answers
        .read(id.key())
        .ifPresent(
            streak ->
                log.info(
                    "{}: NOAA's answers are readable again after {} rejected as {}",
                    id,
                    streak.count(),
                    streak.reason().tag()));
  }

  private static StationMeta preferKnown(StationMeta old, StationMeta fresh) {
    return new StationMeta(
        old.id() != null ? old.id() : fresh.id(),
        fresh.name() != null ? fresh.name() : old.name(),
        fresh.lat() != null ? fresh.lat() : old.lat(),
        fresh.lon() != null ? fresh.lon() : old.lon());
  }
}
