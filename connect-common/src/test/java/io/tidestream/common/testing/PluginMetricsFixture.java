package io.tidestream.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

/**
 * A real Kafka metrics registry with one task's plugin metrics, as a worker would give a task
 * through {@code context.pluginMetrics()}; reads a metric back by name and extra tags. Close it
 * after the test.
 */
public final class PluginMetricsFixture implements AutoCloseable {

  /** The group the worker publishes plugin metrics in. */
  public static final String GROUP = "plugins";

  private final Metrics registry = new Metrics();
  private final Map<String, String> taskTags;
  private final PluginMetricsImpl plugin;

  public PluginMetricsFixture(String connector, int task) {
    this.taskTags = tags("connector", connector, "task", Integer.toString(task));
    this.plugin = new PluginMetricsImpl(registry, new LinkedHashMap<>(taskTags));
  }

  /** What {@code context.pluginMetrics()} returns. */
  public PluginMetricsImpl pluginMetrics() {
    return plugin;
  }

  /** Plugin metrics of another task of the same registry, e.g. to check tasks count apart. */
  public PluginMetricsImpl otherTask(String connector, int task) {
    return new PluginMetricsImpl(
        registry, tags("connector", connector, "task", Integer.toString(task)));
  }

  public Metrics registry() {
    return registry;
  }

  /** True when any metric of the plugins group is registered. */
  public boolean hasPluginMetrics() {
    return registry.metrics().keySet().stream().anyMatch(n -> n.group().equals(GROUP));
  }

  /** The value of {@code name} with the task's tags plus {@code extraTags} (key, value, ...). */
  public double value(String name, String... extraTags) {
    LinkedHashMap<String, String> tags = new LinkedHashMap<>(taskTags);
    tags.putAll(tags(extraTags));
    return valueWithTags(name, tags);
  }

  /** The value of {@code name} with exactly these tags. */
  public double valueWithTags(String name, Map<String, String> tags) {
    KafkaMetric metric = registry.metrics().get(new MetricName(name, GROUP, "", tags));
    if (metric == null) {
      throw new AssertionError(
          "no metric "
              + name
              + " "
              + tags
              + " in group "
              + GROUP
              + "; registered: "
              + registry.metrics().keySet().stream()
                  .filter(n -> n.group().equals(GROUP))
                  .map(n -> n.name() + n.tags())
                  .toList());
    }
    return ((Number) metric.metricValue()).doubleValue();
  }

  /** Tags from key, value, key, value, ... in order. */
  public static LinkedHashMap<String, String> tags(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("tags come in key, value pairs");
    }
    LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      tags.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return tags;
  }

  @Override
  public void close() {
    try {
      plugin.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      registry.close();
    }
  }
}
