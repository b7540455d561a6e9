package io.tidestream.bench;

import java.time.Duration;

/**
 * The streaming part's moving pieces: one sink connector on {@link BenchCommand#LATENCY_TOPIC}, the
 * bench's producer writing to it at a fixed rate, and the worker's metrics to count what the engine
 * acknowledged. The backlog is what the broker acknowledged to the producer and the engine has not
 * yet acknowledged to the sink (a re-delivery after a rebalance counts twice as indexed, so it can
 * read a little low).
 */
final class StreamingLoad implements AutoCloseable {

  static final String CONNECTOR = "bench-latency";

  private final LoadProducer producer;
  private final WorkerMetrics metrics;
  private final NoaaLoad load;
  private long next;

  StreamingLoad(String bootstrapServers, WorkerMetrics metrics, NoaaLoad load) {
    this.producer = new LoadProducer(bootstrapServers, false);
    this.metrics = metrics;
    this.load = load;
  }

  /**
   * Produces at {@code rate} records per second for {@code duration} (waiting for the broker's
   * acknowledgements at the end); returns the seconds it really took.
   */
  double produce(double rate, Duration duration, LoadProducer.SendListener listener) {
    long t0 = System.nanoTime();
    next = producer.atRate(load, BenchCommand.LATENCY_TOPIC, next, rate, duration, listener);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Records the broker acknowledged so far. */
  long produced() {
    return producer.acknowledged();
  }

  /** Documents the engine acknowledged to the sink's tasks so far. */
  long indexed() {
    return metrics.documentsIndexed(CONNECTOR);
  }

  WorkerMetrics metrics() {
    return metrics;
  }

  /** Records produced and not yet indexed. */
  long backlog() {
    return produced() - indexed();
  }

  /**
   * Waits until the sink has indexed everything produced or {@code timeout} passed; returns the
   * backlog left (0 when drained).
   */
  long drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long backlog = backlog();
    while (backlog > 0 && System.nanoTime() < deadline) {
      IndexingWatch.sleep(Duration.ofMillis(200));
      backlog = backlog();
    }
    return Math.max(0, backlog);
  }

  @Override
  public void close() {
    producer.close();
  }
}
