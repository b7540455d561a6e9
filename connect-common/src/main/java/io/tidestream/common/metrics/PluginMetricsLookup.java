package io.tidestream.common.metrics;

import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the worker for the task's plugin metrics ({@code context.pluginMetrics()}, Kafka 4.1+). A
 * worker that predates it answers with {@link NoSuchMethodError} or {@link NoClassDefFoundError}, a
 * context that does not offer it with {@link UnsupportedOperationException}: the task then runs
 * without its own metrics, and the first such task of the plugin in the worker JVM says so at INFO
 * (later ones at DEBUG). A task that was never initialized with a context (unit tests) runs without
 * them too, silently.
 */
public final class PluginMetricsLookup {

  private static final Logger log = LoggerFactory.getLogger(PluginMetricsLookup.class);

  /** The worker's version does not change while it runs: saying it at every task start is noise. */
  private static final OnceNotice NO_PLUGIN_METRICS = new OnceNotice();

  private PluginMetricsLookup() {}

  public static TaskMetrics forSinkTask(SinkTaskContext context) {
    if (context == null) {
      return TaskMetrics.noop();
    }
    try {
      return wrap(context.pluginMetrics());
    } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
      return unavailable(e);
    }
  }

  public static TaskMetrics forSourceTask(SourceTaskContext context) {
    if (context == null) {
      return TaskMetrics.noop();
    }
    try {
      return wrap(context.pluginMetrics());
    } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
      return unavailable(e);
    }
  }

  // Object, not PluginMetrics, so that this class links on a worker without that interface.
  private static TaskMetrics wrap(Object pluginMetrics) {
    if (pluginMetrics == null) {
      return TaskMetrics.noop();
    }
    return new KafkaPluginMetrics((org.apache.kafka.common.metrics.PluginMetrics) pluginMetrics);
  }

  private static TaskMetrics unavailable(Throwable e) {
    if (NO_PLUGIN_METRICS.due()) {
      log.info(
          "This Connect worker offers no plugin metrics (KIP-877, Kafka 4.1+); this plugin's tasks"
              + " run without their own metrics ({}; said once per worker)",
          e.getClass().getSimpleName());
    } else {
      log.debug("No plugin metrics for this task ({})", e.getClass().getSimpleName());
    }
    return TaskMetrics.noop();
  }
}
