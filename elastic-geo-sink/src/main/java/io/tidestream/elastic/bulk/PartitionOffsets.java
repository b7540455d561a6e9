package io.tidestream.elastic.bulk;

import java.util.ArrayDeque;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one Kafka partition: the committable offset is that of the oldest document not yet
 * acknowledged, or one past the newest record seen when all are acknowledged. Items are kept in the
 * order they came; finished ones are dropped from the head at once and, should one item stay
 * unfinished for long (retrying for minutes), from behind it whenever they outnumber the unfinished
 * ones, so memory follows what is unfinished. Guarded by the owning {@link BulkWriter}'s lock.
 */
final class PartitionOffsets {

  final TopicPartition partition;
  private final ArrayDeque<BulkItem> pending = new ArrayDeque<>();
  private int unfinished;
  private long next = -1;
  boolean closed;

  PartitionOffsets(TopicPartition partition) {
    this.partition = partition;
  }

  void track(BulkItem item) {
    pending.addLast(item);
    unfinished++;
    next = Math.max(next, item.offset + 1);
  }

  /** The item is acknowledged, reported or given up ({@code item.done} is already set). */
  void finished(BulkItem item) {
    unfinished--;
    while (!pending.isEmpty() && pending.peekFirst().done) {
      pending.pollFirst();
    }
    if (pending.size() > 2 * unfinished + 64) {
      pending.removeIf(i -> i.done);
    }
  }

  /** A record finished without a bulk action (dropped, dead-lettered before indexing, skipped). */
  void finishedWithoutItem(long offset) {
    next = Math.max(next, offset + 1);
  }

  /** The offset to commit, or -1 when nothing has been seen. */
  long committable() {
    return pending.isEmpty() ? next : pending.peekFirst().offset;
  }

  /** Items kept: the unfinished ones and at most about as many finished ones behind them. */
  int keptCount() {
    return pending.size();
  }
}
