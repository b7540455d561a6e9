package io.tidestream.bench.jmh.sink;

import io.tidestream.common.metrics.PluginMetricsLookup;
import io.tidestream.common.metrics.TaskMetrics;
import io.tidestream.elastic.metrics.SinkMetrics;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-record cost of the sink's {@code record-ack-latency} metric: {@link
 * SinkMetrics#recordAcknowledged} for one acknowledged record, on a real Kafka metrics registry as
 * the worker hands it to a task (avg, max and the 4,000-bucket percentile histogram). Latencies
 * cycle through 0–2,047 ms so the histogram sees varying buckets. The baseline {@code
 * documentsIndexedMeter} is the meter the writer already updates once per request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AckLatencyMetricBenchmark {

  private static final int RECORDS = 2_048;

  private Metrics registry;
  private PluginMetricsImpl plugin;
  SinkMetrics metrics;
  private SinkRecord[] records;
  private long now;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    registry = new Metrics();
    LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    tags.put("connector", "bench");
    tags.put("task", "0");
    plugin = new PluginMetricsImpl(registry, tags);
    SinkTaskContext context =
        (SinkTaskContext)
            Proxy.newProxyInstance(
                AckLatencyMetricBenchmark.class.getClassLoader(),
                new Class<?>[] {SinkTaskContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("pluginMetrics")) {
                    return plugin;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    TaskMetrics taskMetrics = PluginMetricsLookup.forSinkTask(context);
    metrics = new SinkMetrics(taskMetrics);
    now = System.currentTimeMillis();
    records = new SinkRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      records[i] =
          new SinkRecord(
              "noaa.water_level", 0, null, null, null, null, i, now - i, TimestampType.CREATE_TIME);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    plugin.close();
    registry.close();
  }

  /** One acknowledged record into the ack-latency histogram. */
  @Benchmark
  public void recordAcknowledged() {
    metrics.recordAcknowledged(records[next++ & (RECORDS - 1)], now);
  }

  /** For scale: one update of the documents-indexed meter. */
  @Benchmark
  public void documentsIndexedMeter() {
    metrics.acknowledged(1);
  }

  /** The registry, for the unit test. */
  Metrics registry() {
    return registry;
  }
}
