package io.tidestream.common.metrics;

import java.util.function.Supplier;

/**
 * A task's own metrics, registered in the worker's metrics through Kafka's plugin metrics
 * (KIP-877): they show up in JMX as {@code kafka.connect:type=plugins,connector=…,task=…} next to
 * Connect's own, and disappear when the task stops. Names follow Kafka's conventions: a {@link
 * Meter} {@code x} gives {@code x-rate} and {@code x-total}, a {@link Timer} {@code x} gives {@code
 * x-avg} and {@code x-max}. On a worker without plugin metrics every call is a no-op.
 *
 * <p>Get one with {@link PluginMetricsLookup}.
 */
public interface TaskMetrics {

  /** Events per second and their running total: {@code name-rate}, {@code name-total}. */
  Meter meter(String name, String description);

  /** A meter per value of one tag, e.g. dead-lettered records by {@code reason}. */
  TaggedMeter meter(String name, String description, String tagKey);

  /** Durations in milliseconds: {@code name-avg}, {@code name-max}. */
  Timer timer(String name, String description);

  /**
   * Durations in milliseconds with their distribution: {@code name-avg}, {@code name-max}, {@code
   * name-p50}, {@code name-p99}. The percentiles come from a histogram per metrics sample window
   * (the worker's {@code metrics.sample.window.ms}, {@code metrics.num.samples} windows kept) of
   * {@value #HISTOGRAM_BUCKETS} buckets whose width grows linearly from 0 to {@code maxMillis}: a
   * percentile is the lower edge of its bucket, so it reads low by at most one bucket width (about
   * √(2 × value × maxMillis / 8,000,000): 6 ms at 500 ms and 12 ms at 2 s for a 5-minute range).
   * Values above {@code maxMillis} count as {@code maxMillis} in the percentiles; average and
   * maximum are exact.
   */
  Timer histogram(String name, String description, double maxMillis);

  /** Buckets of a {@link #histogram}: 4 bytes each, per sample window. */
  int HISTOGRAM_BUCKETS = 4_000;

  /** A value read when the metric is read, e.g. bytes buffered right now. */
  void gauge(String name, String description, Supplier<? extends Number> value);

  /** A gauge with one tag, e.g. freshness of one {@code unit}. */
  void gauge(
      String name,
      String description,
      String tagKey,
      String tagValue,
      Supplier<? extends Number> value);

  /** False when the worker offers no plugin metrics and nothing is recorded. */
  boolean enabled();

  /** Counts events. */
  interface Meter {
    void record(long count);

    default void record() {
      record(1);
    }
  }

  /** Counts events by the value of one tag. */
  interface TaggedMeter {
    void record(String tagValue, long count);

    default void record(String tagValue) {
      record(tagValue, 1);
    }
  }

  /** Records durations. */
  interface Timer {
    void recordMillis(double millis);
  }

  /** Metrics that record nothing: for workers older than Kafka 4.1, and for tests. */
  static TaskMetrics noop() {
    return NoopTaskMetrics.INSTANCE;
  }
}
