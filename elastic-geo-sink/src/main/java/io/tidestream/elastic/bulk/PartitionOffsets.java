package io.tidestream.elastic.bulk;

import java.util.ArrayDeque;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one Kafka partition: the committable offset is that of the oldest document not yet
 * acknowledged, or one past the newest record seen when all are acknowledged. Guarded by the
 * owning {@link BulkWriter}'s lock.
 */
final class PartitionOffsets {

  final TopicPartition partition;
  private final ArrayDeque<BulkItem> pending = new ArrayDeque<>();
  private long next = -1;
  boolean closed;

  PartitionOffsets(TopicPartition partition) {
    this.partition = partition;
  }

  void track(BulkItem item) {
    pending.addLast(item);
    next = Math.max(next, item.offset + 1);
  }

  /** A record finished without a bulk action (dropped, dead-lettered before indexing, skipped). */
  void finishedWithoutItem(long offset) {
    next = Math.max(next, offset + 1);
  }

  /** The offset to commit, or -1 when nothing has been seen. */
  long committable() {
    while (!pending.isEmpty() && pending.peekFirst().done) {
      pending.pollFirst();
    }
    return pending.isEmpty() ? next : pending.peekFirst().offset;
  }

  int pendingCount() {
    return pending.size();
  }
}
