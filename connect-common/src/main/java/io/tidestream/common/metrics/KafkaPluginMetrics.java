package io.tidestream.common.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskMetrics} over Kafka's {@link PluginMetrics}. Only loaded once the worker has handed
 * one out, so an older worker never needs the class.
 *
 * <p>A metric name can still be taken when a task starts: Connect gives up waiting for a task to
 * stop after {@code task.shutdown.graceful.timeout.ms} (its commit of offsets can block for as long
 * as the broker is unreachable) and starts the next instance of the same task, with the same
 * connector and task tags, while the earlier one still holds its metrics until it ends. Kafka
 * refuses a second metric of one name with an {@link IllegalArgumentException}; that used to fail
 * the new task (seen after a broker restart in {@code SinkClusterFaultsIT}). Now such a
 * registration is kept and tried again, at most every {@link #RETRY_INTERVAL}, whenever the task
 * records a value; until then the metric records nothing. One WARN says so, one INFO when all are
 * registered.
 */
final class KafkaPluginMetrics implements TaskMetrics {

  private static final Logger log = LoggerFactory.getLogger(KafkaPluginMetrics.class);

  static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

  /** Distinct values of one tag before further values are counted as {@value #OTHER}. */
  static final int MAX_TAG_VALUES = 50;

  static final String OTHER = "other";

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final PluginMetrics metrics;

  /** Sensor names are global in the worker: this keeps two tasks on one worker apart. */
  private final String sensorPrefix;

  private final LongSupplier nanoClock;

  /** Registrations refused because the name was taken, to try again. */
  private final List<Registration> pending = new CopyOnWriteArrayList<>();

  private long nextRetryNanos;
  private boolean warned;

  /** Registers a metric; throws {@link IllegalArgumentException} when its name is taken. */
  private interface Registration {
    void register();
  }

  KafkaPluginMetrics(PluginMetrics metrics) {
    this(metrics, System::nanoTime);
  }

  KafkaPluginMetrics(PluginMetrics metrics, LongSupplier nanoClock) {
    this.metrics = metrics;
    this.sensorPrefix = "tidestream-" + INSTANCES.incrementAndGet() + "-";
    this.nanoClock = nanoClock;
  }

  @Override
  public Meter meter(String name, String description) {
    return meter(name, description, new LinkedHashMap<>());
  }

  private Meter meter(String name, String description, LinkedHashMap<String, String> tags) {
    AtomicReference<Sensor> sensor =
        sensor(
            sensorPrefix + name + tags,
            s ->
                s.add(
                    new org.apache.kafka.common.metrics.stats.Meter(
                        metrics.metricName(name + "-rate", "Per second: " + description, tags),
                        metrics.metricName(name + "-total", "In total: " + description, tags))));
    return count -> record(sensor, count);
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
    AtomicReference<Sensor> sensor =
        sensor(sensorPrefix + name, s -> addAverageAndMaximum(s, name, description));
    return millis -> record(sensor, millis);
  }

  private void addAverageAndMaximum(Sensor s, String name, String description) {
    LinkedHashMap<String, String> none = new LinkedHashMap<>();
    s.add(metrics.metricName(name + "-avg", "Average " + description + " in ms", none), new Avg());
    s.add(metrics.metricName(name + "-max", "Maximum " + description + " in ms", none), new Max());
  }

  @Override
  public Timer histogram(String name, String description, double maxMillis) {
    LinkedHashMap<String, String> none = new LinkedHashMap<>();
    AtomicReference<Sensor> sensor =
        sensor(
            sensorPrefix + name,
            s -> {
              addAverageAndMaximum(s, name, description);
              s.add(
                  new Percentiles(
                      4 * HISTOGRAM_BUCKETS,
                      maxMillis,
                      Percentiles.BucketSizing.LINEAR,
                      new Percentile(
                          metrics.metricName(
                              name + "-p50", "Median " + description + " in ms", none),
                          50),
                      new Percentile(
                          metrics.metricName(
                              name + "-p99", "99th percentile of " + description + " in ms", none),
                          99)));
            });
    return millis -> record(sensor, millis);
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
    attempt(
        () ->
            metrics.addMetric(
                name,
                (Gauge<Double>)
                    (config, now) -> {
                      Number n = value.get();
                      return n == null ? Double.NaN : n.doubleValue();
                    }),
        name.name());
  }

  /**
   * A sensor named {@code sensorName} with the stats {@code stats} adds, or null in the reference
   * until its metrics' names are free (see the class comment).
   */
  private AtomicReference<Sensor> sensor(String sensorName, Consumer<Sensor> stats) {
    AtomicReference<Sensor> ref = new AtomicReference<>();
    attempt(
        () -> {
          Sensor s = metrics.addSensor(sensorName);
          try {
            stats.accept(s);
          } catch (IllegalArgumentException taken) {
            // drops only what this sensor registered, never the other instance's metrics
            metrics.removeSensor(sensorName);
            throw taken;
          }
          ref.set(s);
        },
        sensorName.substring(sensorPrefix.length()));
    return ref;
  }

  private void record(AtomicReference<Sensor> sensor, double value) {
    if (!pending.isEmpty()) {
      retryPending();
    }
    Sensor s = sensor.get();
    if (s != null) {
      s.record(value);
    }
  }

  private void attempt(Registration registration, String what) {
    try {
      registration.register();
    } catch (IllegalArgumentException taken) {
      pending.add(registration);
      synchronized (this) {
        if (!warned) {
          warned = true;
          nextRetryNanos = nanoClock.getAsLong() + RETRY_INTERVAL.toNanos();
          log.warn(
              "Metric {} of task {} is still held by an earlier instance of the same task that"
                  + " Connect stopped waiting for (its stop is blocked, e.g. committing offsets"
                  + " while the broker is unreachable): the task runs, and registers its metrics"
                  + " once that instance has ended (tried every {} s while it records). {}",
              what,
              taskTags(),
              RETRY_INTERVAL.toSeconds(),
              taken.getMessage());
        }
      }
    }
  }

  private synchronized void retryPending() {
    long now = nanoClock.getAsLong();
    if (pending.isEmpty() || now - nextRetryNanos < 0) {
      return;
    }
    nextRetryNanos = now + RETRY_INTERVAL.toNanos();
    for (Registration r : pending) {
      try {
        r.register();
        pending.remove(r);
      } catch (IllegalArgumentException stillTaken) {
        // the earlier instance has not ended yet
      }
    }
    if (pending.isEmpty()) {
      log.info(
          "Registered the metrics of task {}: its earlier instance has let them go", taskTags());
    }
  }

  /** The connector and task tags the worker puts on this task's metrics, for the log. */
  private Map<String, String> taskTags() {
    return metrics.metricName("tags", "", new LinkedHashMap<>()).tags();
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
