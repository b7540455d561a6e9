package io.tidestream.bench.jmh.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the benchmark bodies after the benchmark's setup and checks the metric recorded them. */
class AckLatencyMetricBenchmarkTest {

  private final AckLatencyMetricBenchmark bench = new AckLatencyMetricBenchmark();

  @BeforeEach
  void setUp() {
    bench.setUp();
  }

  @AfterEach
  void tearDown() throws Exception {
    bench.tearDown();
  }

  @Test
  void recordAcknowledgedRecordsEachRecordsLatency() {
    for (int i = 0; i < 1_000; i++) {
      bench.recordAcknowledged(); // latencies 0..999 ms
    }
    assertThat(value("record-ack-latency-max")).isEqualTo(999.0);
    assertThat(value("record-ack-latency-p50")).isBetween(490.0, 500.0);
    bench.documentsIndexedMeter();
    assertThat(value("documents-indexed-total")).isEqualTo(1.0);
  }

  private double value(String name) {
    return bench.registry().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(e -> ((Number) ((KafkaMetric) e.getValue()).metricValue()).doubleValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
