package io.tidestream.common.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;

/**
 * {@link TaskMetrics} over Kafka's {@link PluginMetrics}. Only loaded once the worker has handed
 * one out, so an older worker never needs the class.
 */
final class KafkaPluginMetrics implements TaskMetrics {

  /** Distinct values of one tag before further values are counted as {@value #OTHER}. */
  static final int MAX_TAG_VALUES = 50;

  static final String OTHER = "other";

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final PluginMetrics metrics;

  /** Sensor names are global in the worker: this keeps two tasks on one worker apart. */
  private final String sensorPrefix;

  KafkaPluginMetrics(PluginMetrics metrics) {
    this.metrics = metrics;
    this.sensorPrefix = "tidestream-" + INSTANCES.incrementAndGet() + "-";
  }

  @Override
  public Meter meter(String name, String description) {
    return meter(name, description, new LinkedHashMap<>());
  }

  private Meter meter(String name, String description, LinkedHashMap<String, String> tags) {
    Sensor sensor = metrics.addSensor(sensorPrefix + name + tags);
    sensor.add(
        new org.apache.kafka.common.metrics.stats.Meter(
            metrics.metricName(name + "-rate", "Per second: " + description, tags),
            metrics.metricName(name + "-total", "In total: " + description, tags)));
    return count -> sensor.record(count);
  }

  @Override
  public TaggedMeter meter(String name, String description, String tagKey) {
    Map<String, Meter> byValue = new ConcurrentHashMap<>();
    return (tagValue, count) -> {
      String value = tagValue == null || tagValue.isBlank() ? "unknown" : tagValue;
      Meter m = byValue.get(value);
      if (m == null) {
        synchronized (byValue) {
          if (!byValue.containsKey(value) && byValue.size() >= MAX_TAG_VALUES) {
            value = OTHER;
          }
          m = byValue.computeIfAbsent(value, v -> meter(name, description, tags(tagKey, v)));
        }
      }
      m.record(count);
    };
  }

  @Override
  public Timer timer(String name, String description) {
    LinkedHashMap<String, String> none = new LinkedHashMap<>();
    Sensor sensor = metrics.addSensor(sensorPrefix + name);
    sensor.add(
        metrics.metricName(name + "-avg", "Average " + description + " in ms", none), new Avg());
    sensor.add(
        metrics.metricName(name + "-max", "Maximum " + description + " in ms", none), new Max());
    return sensor::record;
  }

  @Override
  public Timer histogram(String name, String description, double maxMillis) {
    LinkedHashMap<String, String> none = new LinkedHashMap<>();
    Sensor sensor = metrics.addSensor(sensorPrefix + name);
    sensor.add(
        metrics.metricName(name + "-avg", "Average " + description + " in ms", none), new Avg());
    sensor.add(
        metrics.metricName(name + "-max", "Maximum " + description + " in ms", none), new Max());
    sensor.add(
        new Percentiles(
            4 * HISTOGRAM_BUCKETS,
            maxMillis,
            Percentiles.BucketSizing.LINEAR,
            new Percentile(
                metrics.metricName(name + "-p50", "Median " + description + " in ms", none), 50),
            new Percentile(
                metrics.metricName(
                    name + "-p99", "99th percentile of " + description + " in ms", none),
                99)));
    return sensor::record;
  }

  @Override
  public void gauge(String name, String description, Supplier<? extends Number> value) {
    addGauge(metrics.metricName(name, description, new LinkedHashMap<>()), value);
  }

  @Override
  public void gauge(
      String name,
      String description,
      String tagKey,
      String tagValue,
      Supplier<? extends Number> value) {
    addGauge(metrics.metricName(name, description, tags(tagKey, tagValue)), value);
  }

  private void addGauge(MetricName name, Supplier<? extends Number> value) {
    metrics.addMetric(
        name,
        (Gauge<Double>)
            (config, now) -> {
              Number n = value.get();
              return n == null ? Double.NaN : n.doubleValue();
            });
  }

  @Override
  public boolean enabled() {
    return true;
  }

  private static LinkedHashMap<String, String> tags(String key, String value) {
    LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    tags.put(key, value);
    return tags;
  }
}
