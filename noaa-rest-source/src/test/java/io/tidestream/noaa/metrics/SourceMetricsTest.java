package io.tidestream.noaa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.common.metrics.PluginMetricsLookup;
import io.tidestream.common.testing.PluginMetricsFixture;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.retry.Politeness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source task's own metrics, read back from a real Kafka metrics registry. */
class SourceMetricsTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private final PluginMetricsFixture plugin = new PluginMetricsFixture("noaa", 0);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final UnitState keyWest =
      new UnitState(
          UnitId.parseKey("8724580/water_level/MLLW/-"),
          NOW.minus(Duration.ofMinutes(30)),
          null,
          NOW);
  private final UnitState seattle =
      new UnitState(
          UnitId.parseKey("9447130/water_level/MLLW/-"), NOW.minus(Duration.ofHours(2)), null, NOW);
  private final CircuitBreaker breaker =
      Politeness.banBreaker("noaa-ban", Duration.ofMinutes(15), Duration.ofHours(6), clock);
  private final SourceMetrics metrics =
      SourceMetrics.register(lookup(), clock, List.of(keyWest, seattle), breaker);

  @AfterEach
  void close() throws Exception {
    plugin.close();
  }

  @Test
  void requestsAreCountedByOutcomeAndTimed() {
    metrics.request(() -> CompletableFuture.completedFuture("rows"));
    metrics.request(() -> CompletableFuture.completedFuture("rows"));
    metrics.request(
        () ->
            CompletableFuture.failedFuture(
                new NoaaApiException(
                    NoaaErrorKind.BANNED, 403, "Forbidden", null, null, null, null)));
    metrics.request(() -> CompletableFuture.failedFuture(new IllegalStateException("bug")));

    assertThat(value("requests-total", "outcome", "ok")).isEqualTo(2.0);
    assertThat(value("requests-total", "outcome", "banned")).isEqualTo(1.0);
    assertThat(value("requests-total", "outcome", "error")).isEqualTo(1.0);
    assertThat(value("request-latency-max")).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void freshnessIsNowMinusEachUnitsWatermark() {
    assertThat(value("freshness-ms", "unit", "8724580-water_level-MLLW")).isEqualTo(30 * 60_000.0);
    assertThat(value("freshness-ms", "unit", "9447130-water_level-MLLW"))
        .isEqualTo(2 * 3_600_000.0);
  }

  @Test
  void breakerAndQuarantineGaugesFollowTheTasksState() {
    assertThat(value("breaker-open")).isZero();
    assertThat(value("quarantined-units")).isZero();

    breaker.transitionToOpenState();
    seattle.quarantine(NOW.plus(Duration.ofHours(1)));

    assertThat(value("breaker-open")).isEqualTo(1.0);
    assertThat(value("quarantined-units")).isEqualTo(1.0);
  }

  @Test
  void emittedRecordsAreCounted() {
    metrics.emitted(120);
    metrics.emitted(0);
    metrics.emitted(5);
    assertThat(value("records-emitted-total")).isEqualTo(125.0);
  }

  @Test
  void rejectedAnswersMalformedRowsAndUnreadableValuesAreCountedByReasonFromTheStart() {
    assertThat(value("rejected-answers-total", "reason", "not_json")).isZero();
    assertThat(value("malformed-rows-total", "reason", "missing_time")).isZero();
    assertThat(value("unreadable-values-total", "reason", "quality")).isZero();

    metrics.rejectedAnswer(BodyRejection.NOT_JSON);
    metrics.rejectedAnswer(BodyRejection.NOT_JSON);
    metrics.rejectedAnswer(BodyRejection.INVALID_JSON);
    metrics.malformedRow(ParsedResponse.RowProblem.UNREADABLE_TIME);
    metrics.unreadableValue("value");
    metrics.unreadableValue("speed");
    metrics.unreadableValue("value");

    assertThat(value("rejected-answers-total", "reason", "not_json")).isEqualTo(2.0);
    assertThat(value("rejected-answers-total", "reason", "invalid_json")).isEqualTo(1.0);
    assertThat(value("rejected-answers-total", "reason", "empty_body")).isZero();
    assertThat(value("malformed-rows-total", "reason", "unreadable_time")).isEqualTo(1.0);
    assertThat(value("unreadable-values-total", "reason", "value")).isEqualTo(2.0);
    assertThat(value("unreadable-values-total", "reason", "speed")).isEqualTo(1.0);
  }

  private io.tidestream.common.metrics.TaskMetrics lookup() {
    SourceTaskContext context = mock(SourceTaskContext.class);
    when(context.pluginMetrics()).thenReturn(plugin.pluginMetrics());
    return PluginMetricsLookup.forSourceTask(context);
  }

  private double value(String name, String... extra) {
    return plugin.value(name, extra);
  }
}
