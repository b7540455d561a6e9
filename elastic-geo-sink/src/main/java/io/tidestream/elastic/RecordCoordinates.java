package io.tidestream.elastic;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record's original Kafka coordinates (before any transformation renamed its topic), which are
 * what the task commits. A task reads a few partitions, so the last {@value #KEPT} it saw are kept
 * and handed out again instead of a new {@link TopicPartition} per record (whose hash the writer's
 * partition map then computes again). Not thread-safe: the task thread owns it.
 */
final class RecordCoordinates {

  /** Partitions kept; a task with more still works, with a new object per miss. */
  static final int KEPT = 16;

  private final TopicPartition[] kept = new TopicPartition[KEPT];
  private int replace;

  /** The record's original topic and partition (Kafka 3.6+), else its current ones. */
  TopicPartition partition(SinkRecord record) {
    String topic;
    Integer partition;
    try {
      topic = record.originalTopic();
      partition = record.originalKafkaPartition();
    } catch (NoSuchMethodError e) {
      topic = record.topic();
      partition = record.kafkaPartition();
    }
    int p = partition; // no partition fails here, as it would in new TopicPartition
    for (TopicPartition tp : kept) {
      if (tp == null) {
        break;
      }
      if (tp.partition() == p && tp.topic().equals(topic)) {
        return tp;
      }
    }
    TopicPartition tp = new TopicPartition(topic, p);
    kept[replace] = tp;
    replace = (replace + 1) % KEPT;
    return tp;
  }

  /** The record's original offset (Kafka 3.6+), else its current one. */
  static long offset(SinkRecord record) {
    try {
      return record.originalKafkaOffset();
    } catch (NoSuchMethodError e) {
      return record.kafkaOffset();
    }
  }
}
