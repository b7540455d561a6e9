package io.tidestream.noaa.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.common.metrics.TaskMetrics;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.task.TaskEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The source task's own metrics, in JMX as {@code kafka.connect:type=plugins,connector=…,task=…}:
 *
 * <ul>
 *   <li>{@code requests-rate/-total} by {@code outcome} — datagetter requests: {@code ok}, or the
 *       error kind ({@code no_data}, {@code transient}, {@code throttled}, {@code banned}, …)
 *   <li>{@code request-latency-avg/-max} (ms)
 *   <li>{@code records-emitted-rate/-total} — records handed to Connect
 *   <li>{@code freshness-ms} by {@code unit} ({@code 8724580-water_level-MLLW}) — now minus the
 *       unit's watermark (negative for predictions ahead of now)
 *   <li>{@code quarantined-units}, {@code breaker-open} (1 while the ban breaker is open)
 *   <li>{@code rejected-answers-rate/-total} by {@code reason} — answers whose body was not read as
 *       data ({@code empty_body}, {@code not_json}, {@code invalid_json}, {@code no_data_array});
 *       each is also a {@code transient} request
 *   <li>{@code malformed-rows-rate/-total} by {@code reason} — rows without a readable time ({@code
 *       missing_time}, {@code unreadable_time}, {@code not_an_object}), reported once each
 *   <li>{@code unreadable-values-rate/-total} by {@code reason} — values delivered as null because
 *       NOAA sent text that is not a number, by record field ({@code value}, {@code sigma}, {@code
 *       speed}, {@code direction_deg}, {@code gust}; {@code quality} for an unknown code)
 * </ul>
 */
public final class SourceMetrics implements TaskEvents {

  /** The record fields a value NOAA sent as non-numeric text can be null in. */
  static final List<String> VALUE_FIELDS =
      List.of("value", "sigma", "speed", "direction_deg", "gust", "quality");

  private final TaskMetrics.TaggedMeter requests;
  private final TaskMetrics.Timer latency;
  private final TaskMetrics.Meter emitted;
  private final TaskMetrics.TaggedMeter rejectedAnswers;
  private final TaskMetrics.TaggedMeter malformedRows;
  private final TaskMetrics.TaggedMeter unreadableValues;

  private SourceMetrics(TaskMetrics metrics) {
    requests = metrics.meter("requests", "datagetter requests by outcome", "outcome");
    latency = metrics.timer("request-latency", "datagetter request round trip");
    emitted = metrics.meter("records-emitted", "records handed to Connect");
    // every outcome's series exists from the start: no metric registration on the request path,
    // and rates see the first request of each kind
    requests.record("ok", 0);
    for (NoaaErrorKind kind : NoaaErrorKind.values()) {
      requests.record(kind.name().toLowerCase(Locale.ROOT), 0);
    }
    rejectedAnswers =
        metrics.meter(
            "rejected-answers", "answers whose body was not read as data, by reason", "reason");
    for (BodyRejection reason : BodyRejection.values()) {
      rejectedAnswers.record(reason.tag(), 0);
    }
    malformedRows =
        metrics.meter(
            "malformed-rows",
            "rows without a readable time, reported instead of delivered, by reason",
            "reason");
    for (ParsedResponse.RowProblem problem : ParsedResponse.RowProblem.values()) {
      malformedRows.record(problem.tag(), 0);
    }
    unreadableValues =
        metrics.meter(
            "unreadable-values",
            "values delivered as null because NOAA sent text that is not a number, by record field",
            "reason");
    for (String field : VALUE_FIELDS) {
      unreadableValues.record(field, 0);
    }
  }

  /** Registers the meters, and gauges over the task's units and its ban breaker. */
  public static SourceMetrics register(
      TaskMetrics metrics, Clock clock, List<UnitState> units, CircuitBreaker breaker) {
    SourceMetrics source = new SourceMetrics(metrics);
    for (UnitState u : units) {
      metrics.gauge(
          "freshness-ms",
          "now minus the unit's watermark",
          "unit",
          unitTag(u),
          () -> {
            Instant watermark = u.watermark();
            return watermark == null ? null : clock.millis() - watermark.toEpochMilli();
          });
    }
    metrics.gauge(
        "quarantined-units",
        "units set aside after a repeated parameter error",
        () -> units.stream().filter(UnitState::quarantined).count());
    metrics.gauge(
        "breaker-open",
        "1 while the ban breaker is open (no requests until the cool-down ends)",
        () -> breaker.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
    return source;
  }

  /**
   * {@code 8724580-water_level-MLLW}: the unit key with {@code -} between its parts and absent
   * parts left out, so that JMX does not quote it (Kafka quotes values with {@code /}).
   */
  static String unitTag(UnitState u) {
    return u.id().key().replace("/-", "").replace('/', '-');
  }

  /**
   * Times a request and counts its outcome on a side branch: the task gets the very future it asked
   * for, and its own completion handling (registered later) runs first.
   */
  public <T> CompletableFuture<T> request(Supplier<CompletableFuture<T>> send) {
    long t0 = System.nanoTime();
    CompletableFuture<T> future = send.get();
    future.whenComplete(
        (result, error) -> {
          latency.recordMillis((System.nanoTime() - t0) / 1_000_000.0);
          requests.record(outcome(error));
        });
    return future;
  }

  public void emitted(int records) {
    if (records > 0) {
      emitted.record(records);
    }
  }

  @Override
  public void rejectedAnswer(BodyRejection reason) {
    rejectedAnswers.record(reason.tag());
  }

  @Override
  public void malformedRow(ParsedResponse.RowProblem problem) {
    malformedRows.record(problem.tag());
  }

  @Override
  public void unreadableValue(String field) {
    unreadableValues.record(field);
  }

  static String outcome(Throwable error) {
    if (error == null) {
      return "ok";
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof NoaaApiException n ? n.kind().name().toLowerCase(Locale.ROOT) : "error";
  }
}
