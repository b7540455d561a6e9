package io.tidestream.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes {@link NoaaLoad} records into a topic, either as fast as the broker takes them (prefill)
 * or at a fixed rate (for latency), calling back with each record's send time.
 */
final class LoadProducer implements AutoCloseable {

  /** Told of each record just before it is handed to the producer. */
  @FunctionalInterface
  interface SendListener {
    void sending(long index, NoaaLoad.Bytes bytes, long nanoTime);
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acknowledged = new AtomicLong();

  LoadProducer(String bootstrapServers, boolean batchForThroughput) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(
        ProducerConfig.LINGER_MS_CONFIG,
        batchForThroughput ? 20 : 5); // 5 ms: Kafka 4's default, as a source task's producer has
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchForThroughput ? 512 * 1024 : 16 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    this.producer = new KafkaProducer<>(p);
  }

  /**
   * Sends records {@code from..from+count-1} as fast as possible and waits until all are
   * acknowledged.
   */
  void prefill(NoaaLoad load, String topic, long from, long count) {
    prefill(load, topic, from, count, true);
  }

  /**
   * As {@link #prefill(NoaaLoad, String, long, long)}, in the source's JsonConverter envelope or
   * ({@code envelope} false) as plain JSON objects.
   */
  void prefill(NoaaLoad load, String topic, long from, long count, boolean envelope) {
    for (long i = from; i < from + count; i++) {
      NoaaLoad.Bytes bytes = load.bytes(topic, i, envelope);
      producer.send(
          new ProducerRecord<>(topic, bytes.key(), bytes.value()),
          (meta, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
    }
    producer.flush();
    throwIfFailed();
  }

  /**
   * Sends records from {@code from} at {@code perSecond} for {@code duration}; returns the index
   * after the last one sent. The pace is kept against the start time, so a late wake-up is caught
   * up.
   */
  long atRate(
      NoaaLoad load,
      String topic,
      long from,
      double perSecond,
      Duration duration,
      SendListener listener) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    double interval = 1e9 / perSecond;
    long i = from;
    for (long n = 0; ; n++) {
      long due = start + (long) (n * interval);
      if (due >= end) {
        break;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(load, topic, i++, listener);
    }
    producer.flush();
    throwIfFailed();
    return i;
  }

  private void send(NoaaLoad load, String topic, long i, SendListener listener) {
    NoaaLoad.Bytes bytes = load.bytes(topic, i);
    if (listener != null) {
      listener.sending(i, bytes, System.nanoTime());
    }
    producer.send(
        new ProducerRecord<>(topic, bytes.key(), bytes.value()),
        (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acknowledged.incrementAndGet();
          }
        });
  }

  /** Records the broker acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new BenchException("Producing the load failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
