package io.tidestream.noaa.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.common.metrics.TaskMetrics;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.plan.UnitState;
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
 *       error kind ({@code no_data}, {@code transient}, {@code throttled}, {@code banned}, …)</li>
 *   <li>{@code request-latency-avg/-max} (ms)</li>
 *   <li>{@code records-emitted-rate/-total} — records handed to Connect</li>
 *   <li>{@code freshness-ms} by {@code unit} ({@code 8724580-water_level-MLLW}) — now minus the
 *       unit's watermark (negative for predictions ahead of now)</li>
 *   <li>{@code quarantined-units}, {@code breaker-open} (1 while the ban breaker is open)</li>
 * </ul>
 */
public final class SourceMetrics {

  private final TaskMetrics.TaggedMeter requests;
  private final TaskMetrics.Timer latency;
  private final TaskMetrics.Meter emitted;

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
  }

  /** Registers the meters, and gauges over the task's units and its ban breaker. */
  public static SourceMetrics register(TaskMetrics metrics, Clock clock, List<UnitState> units,
      CircuitBreaker breaker) {
    SourceMetrics source = new SourceMetrics(metrics);
    for (UnitState u : units) {
      metrics.gauge("freshness-ms", "now minus the unit's watermark", "unit", unitTag(u), () -> {
        Instant watermark = u.watermark();
        return watermark == null ? null : clock.millis() - watermark.toEpochMilli();
      });
    }
    metrics.gauge("quarantined-units", "units set aside after a repeated parameter error",
        () -> units.stream().filter(UnitState::quarantined).count());
    metrics.gauge("breaker-open", "1 while the ban breaker is open (no requests until the cool-down ends)",
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
   * Times a request and counts its outcome on a side branch: the task gets the very future it
   * asked for, and its own completion handling (registered later) runs first.
   */
  public <T> CompletableFuture<T> request(Supplier<CompletableFuture<T>> send) {
    long t0 = System.nanoTime();
    CompletableFuture<T> future = send.get();
    future.whenComplete((result, error) -> {
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

  static String outcome(Throwable error) {
    if (error == null) {
      return "ok";
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof NoaaApiException n ? n.kind().name().toLowerCase(Locale.ROOT) : "error";
  }
}
