package io.tidestream.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.testing.PluginMetricsFixture;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {

  private final PluginMetricsFixture fixture = new PluginMetricsFixture("c1", 0);
  private final PluginMetricsImpl plugin = fixture.pluginMetrics();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void meterPublishesRateAndTotalInThePluginsGroupWithTheTaskTags() {
    TaskMetrics metrics = lookup(plugin);
    TaskMetrics.Meter indexed =
        metrics.meter("documents-indexed", "documents the engine acknowledged");
    indexed.record(3);
    indexed.record();

    assertThat(metrics.enabled()).isTrue();
    assertThat(value("documents-indexed-total", tags("connector", "c1", "task", "0")))
        .isEqualTo(4.0);
    assertThat(value("documents-indexed-rate", tags("connector", "c1", "task", "0")))
        .isGreaterThan(0.0);
  }

  @Test
  void taggedMeterKeepsOneSeriesPerTagValue() {
    TaskMetrics.TaggedMeter deadLettered =
        lookup(plugin).meter("dead-lettered-records", "records", "reason");
    deadLettered.record("error_payload");
    deadLettered.record("error_payload");
    deadLettered.record("invalid_coordinates", 5);

    assertThat(
            value(
                "dead-lettered-records-total",
                tags("connector", "c1", "task", "0", "reason", "error_payload")))
        .isEqualTo(2.0);
    assertThat(
            value(
                "dead-lettered-records-total",
                tags("connector", "c1", "task", "0", "reason", "invalid_coordinates")))
        .isEqualTo(5.0);
  }

  @Test
  void taggedMeterFoldsValuesBeyondTheLimitIntoOther() {
    TaskMetrics.TaggedMeter failures = lookup(plugin).meter("item-failures", "items", "error-type");
    for (int i = 0; i < KafkaPluginMetrics.MAX_TAG_VALUES + 3; i++) {
      failures.record("type-" + i);
    }
    assertThat(
            value(
                "item-failures-total", tags("connector", "c1", "task", "0", "error-type", "other")))
        .isEqualTo(3.0);
  }

  @Test
  void timerPublishesAverageAndMaximum() {
    TaskMetrics.Timer latency =
        lookup(plugin).timer("bulk-request-latency", "bulk request latency");
    latency.recordMillis(10);
    latency.recordMillis(30);

    assertThat(value("bulk-request-latency-avg", tags("connector", "c1", "task", "0")))
        .isEqualTo(20.0);
    assertThat(value("bulk-request-latency-max", tags("connector", "c1", "task", "0")))
        .isEqualTo(30.0);
  }

  @Test
  void histogramPublishesAverageMaximumAndPercentilesWithinOneBucket() {
    TaskMetrics.Timer ack = lookup(plugin).histogram("record-ack-latency", "ack latency", 300_000);
    for (int i = 1; i <= 1_000; i++) {
      ack.recordMillis(i); // 1..1000 ms: p50 500, p99 990
    }
    ack.recordMillis(3_600_000); // an hour: beyond the range

    Map<String, String> task = tags("connector", "c1", "task", "0");
    assertThat(value("record-ack-latency-max", task)).isEqualTo(3_600_000.0);
    assertThat(value("record-ack-latency-avg", task)).isEqualTo((500_500 + 3_600_000) / 1_001.0);
    assertThat(value("record-ack-latency-p50", task)).isBetween(494.0, 501.0);
    assertThat(value("record-ack-latency-p99", task)).isBetween(982.0, 991.0);
  }

  @Test
  void histogramValuesBeyondItsRangeCountAsItsUpperBound() {
    TaskMetrics.Timer ack = lookup(plugin).histogram("record-ack-latency", "ack latency", 300_000);
    ack.recordMillis(3_600_000);
    assertThat(value("record-ack-latency-p99", tags("connector", "c1", "task", "0")))
        .isEqualTo(300_000.0);
  }

  @Test
  void gaugeIsReadWhenTheMetricIsRead() {
    AtomicLong buffered = new AtomicLong(5);
    lookup(plugin).gauge("buffered-bytes", "bytes waiting", buffered::get);
    buffered.set(42);
    assertThat(value("buffered-bytes", tags("connector", "c1", "task", "0"))).isEqualTo(42.0);
  }

  @Test
  void twoTasksOnOneWorkerCountSeparately() throws Exception {
    try (PluginMetricsImpl other = fixture.otherTask("c1", 1)) {
      lookup(plugin).meter("records-emitted", "records").record(2);
      lookup(other).meter("records-emitted", "records").record(7);
      assertThat(value("records-emitted-total", tags("connector", "c1", "task", "0")))
          .isEqualTo(2.0);
      assertThat(value("records-emitted-total", tags("connector", "c1", "task", "1")))
          .isEqualTo(7.0);
    }
  }

  @Test
  void metricsDisappearWhenTheWorkerClosesThePluginMetrics() throws Exception {
    lookup(plugin).meter("records-emitted", "records").record(2);
    plugin.close();
    assertThat(fixture.hasPluginMetrics()).isFalse();
  }

  /**
   * Connect starts the next instance of a task while the one it stopped waiting for (its offset
   * commit blocked on an unreachable broker) still holds the task's metrics: the new instance must
   * start, leave the earlier instance's metrics alone, and take the names over once they are free.
   */
  @Test
  void aTaskStartsWhileAnEarlierInstanceStillHoldsItsMetricsAndRegistersThemOnceFreed()
      throws Exception {
    Map<String, String> task = tags("connector", "c1", "task", "0");
    PluginMetricsImpl earlier = fixture.otherTask("c1", 0);
    TaskMetrics old = lookup(earlier);
    old.meter("documents-indexed", "documents").record(5);
    old.timer("bulk-request-latency", "latency").recordMillis(40);
    old.histogram("record-ack-latency", "latency", 300_000).recordMillis(40);
    old.gauge("buffered-bytes", "bytes", () -> 7);
    old.meter("dead-lettered-records", "records", "reason").record("x");

    AtomicLong nanos = new AtomicLong();
    TaskMetrics next = new KafkaPluginMetrics(plugin, nanos::get);
    TaskMetrics.Meter indexed = next.meter("documents-indexed", "documents");
    TaskMetrics.Timer latency = next.timer("bulk-request-latency", "latency");
    TaskMetrics.Timer ack = next.histogram("record-ack-latency", "latency", 300_000);
    next.gauge("buffered-bytes", "bytes", () -> 42);
    TaskMetrics.TaggedMeter deadLettered = next.meter("dead-lettered-records", "records", "reason");
    indexed.record(100);
    latency.recordMillis(1);
    ack.recordMillis(1);
    deadLettered.record("x");
    deadLettered.record("y"); // a name the earlier instance never had
    assertThat(value("documents-indexed-total", task)).as("the earlier instance's").isEqualTo(5.0);
    assertThat(value("bulk-request-latency-max", task)).isEqualTo(40.0);
    assertThat(value("buffered-bytes", task)).isEqualTo(7.0);
    assertThat(
            value(
                "dead-lettered-records-total", tags("connector", "c1", "task", "0", "reason", "y")))
        .isEqualTo(1.0);

    earlier.close(); // the earlier instance ends at last
    indexed.record(1); // before the retry interval: nothing registered yet
    assertThat(fixture.registry().metrics().keySet())
        .noneMatch(n -> n.name().equals("documents-indexed-total"));

    nanos.addAndGet(KafkaPluginMetrics.RETRY_INTERVAL.toNanos());
    indexed.record(2);
    latency.recordMillis(3);
    ack.recordMillis(3);
    deadLettered.record("x");
    assertThat(value("documents-indexed-total", task)).isEqualTo(2.0);
    assertThat(value("bulk-request-latency-max", task)).isEqualTo(3.0);
    assertThat(value("record-ack-latency-max", task)).isEqualTo(3.0);
    assertThat(value("buffered-bytes", task)).isEqualTo(42.0);
    assertThat(
            value(
                "dead-lettered-records-total", tags("connector", "c1", "task", "0", "reason", "x")))
        .isEqualTo(1.0);
  }

  @Test
  void aWorkerWithoutPluginMetricsGivesNoOpMetrics() {
    SinkTaskContext old = context(SinkTaskContext.class, new NoSuchMethodError("pluginMetrics"));
    TaskMetrics metrics = PluginMetricsLookup.forSinkTask(old);
    metrics.meter("documents-indexed", "documents").record(1);
    metrics.meter("dead-lettered-records", "records", "reason").record("x");
    metrics.timer("bulk-request-latency", "latency").recordMillis(1);
    metrics.histogram("record-ack-latency", "latency", 300_000).recordMillis(1);
    metrics.gauge("buffered-bytes", "bytes", () -> 1);

    assertThat(metrics.enabled()).isFalse();
    assertThat(fixture.hasPluginMetrics()).isFalse();
  }

  @Test
  void aContextThatRefusesPluginMetricsGivesNoOpMetrics() {
    assertThat(
            PluginMetricsLookup.forSourceTask(
                    context(SourceTaskContext.class, new UnsupportedOperationException()))
                .enabled())
        .isFalse();
    assertThat(
            PluginMetricsLookup.forSourceTask(
                    context(SourceTaskContext.class, new NoClassDefFoundError()))
                .enabled())
        .isFalse();
  }

  @Test
  void aTaskWithoutContextGivesNoOpMetrics() {
    assertThat(PluginMetricsLookup.forSourceTask(null).enabled()).isFalse();
    assertThat(PluginMetricsLookup.forSinkTask(null).enabled()).isFalse();
  }

  private static TaskMetrics lookup(PluginMetricsImpl plugin) {
    SinkTaskContext context =
        (SinkTaskContext)
            Proxy.newProxyInstance(
                TaskMetricsTest.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("pluginMetrics")) {
                    return plugin;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return PluginMetricsLookup.forSinkTask(context);
  }

  private static <T> T context(Class<T> type, Throwable thrown) {
    return type.cast(
        Proxy.newProxyInstance(
            TaskMetricsTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw thrown;
            }));
  }

  private double value(String name, Map<String, String> tags) {
    return fixture.valueWithTags(name, tags);
  }

  private static LinkedHashMap<String, String> tags(String... kv) {
    return PluginMetricsFixture.tags(kv);
  }
}
