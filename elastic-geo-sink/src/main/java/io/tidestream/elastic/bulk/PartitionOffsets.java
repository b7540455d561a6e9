package io.tidestream.elastic.bulk;

import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one Kafka partition: the committable offset is that of the oldest document not yet
 * acknowledged, or one past the newest record seen when all are acknowledged. Only unfinished
 * offsets are kept, so a document retrying for minutes holds nothing behind it in memory. Guarded
 * by the owning {@link BulkWriter}'s lock.
 */
final class PartitionOffsets {

  final TopicPartition partition;
  /** Offsets with unfinished items, and how many (a redelivered record can be tracked twice). */
  private final TreeMap<Long, Integer> unfinished = new TreeMap<>();
  private long next = -1;
  boolean closed;

  PartitionOffsets(TopicPartition partition) {
    this.partition = partition;
  }

  void track(BulkItem item) {
    unfinished.merge(item.offset, 1, Integer::sum);
    next = Math.max(next, item.offset + 1);
  }

  /** The item is acknowledged, reported or given up. */
  void finished(BulkItem item) {
    unfinished.computeIfPresent(item.offset, (offset, n) -> n == 1 ? null : n - 1);
  }

  /** A record finished without a bulk action (dropped, dead-lettered before indexing, skipped). */
  void finishedWithoutItem(long offset) {
    next = Math.max(next, offset + 1);
  }

  /** The offset to commit, or -1 when nothing has been seen. */
  long committable() {
    return unfinished.isEmpty() ? next : unfinished.firstKey();
  }
}
