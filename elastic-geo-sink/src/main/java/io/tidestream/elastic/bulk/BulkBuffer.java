package io.tidestream.elastic.bulk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the writer holds: documents queued for their first request, documents waiting for a retry,
 * records waiting for their dead-letter write, and per partition the offsets they keep from being
 * committed. Bounded in bytes and in records ({@link #full()}); hands out batches bounded in
 * actions and bytes once they are due (full, flushed or lingered long enough).
 *
 * <p>Not thread-safe: guarded by the owning {@link BulkWriter}'s lock.
 */
final class BulkBuffer {

  /**
   * The document of an item that only holds its record's offset (a dead-letter write under way).
   */
  private static final byte[] NO_BYTES = new byte[0];

  private final BulkSettings settings;

  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
  private final ArrayDeque<BulkItem> ready = new ArrayDeque<>();
  private final PriorityQueue<BulkItem> retrying =
      new PriorityQueue<>((a, b) -> Long.compare(a.notBeforeMs, b.notBeforeMs));

  /**
   * Per document id, the newest version not yet settled with the engine (the tail of the id's
   * lane). Versions of one id go to the engine one at a time, in record order: a later version is
   * held back (linked from the earlier one's {@link BulkItem#nextSameId}, in no queue) until the
   * earlier one is acknowledged, ignored, superseded or handed to the dead-letter topic, so no two
   * requests in flight, and no retry, carry two versions of one id. Keyed by id alone (no
   * per-record key string): the same id in two indices is merely serialised, which is still
   * correct.
   */
  private final Map<String, BulkItem> lastById = new HashMap<>();

  private long readyBytes;
  private long bufferedBytes;
  private int bufferedRecords;
  private boolean flushRequested;
  private long superseded;

  BulkBuffer(BulkSettings settings) {
    this.settings = settings;
  }

  /**
   * Queues a document. While an earlier version of the same id is still on its way (queued, in
   * flight or waiting for a retry) this one is held back behind it; an earlier version waiting for
   * a retry is dropped (done) instead when this one replaces the whole document in the same index.
   */
  BulkItem add(
      SinkRecord record,
      TopicPartition tp,
      long offset,
      String index,
      String id,
      byte[] bytes,
      long now) {
    PartitionOffsets p = open(tp);
    BulkItem item = new BulkItem(record, p, offset, index, id, bytes);
    item.enqueuedMs = now;
    p.track(item);
    bufferedBytes += bytes.length;
    bufferedRecords++;
    if (id != null) {
      BulkItem earlier = lastById.put(id, item);
      if (earlier != null) {
        earlier.nextSameId = item;
        if (earlier.retrying && supersedes(item, earlier)) {
          // The retry must not overwrite this newer version later; completing it releases this.
          superseded++;
          complete(earlier);
        }
        return item;
      }
    }
    ready.addLast(item);
    readyBytes += bytes.length;
    return item;
  }

  /**
   * True when {@code older}, refused for now, need not be sent again: the next version of its id
   * replaces the whole document in the same index (an index or delete action), so the older version
   * would be overwritten anyway. Update and create actions never supersede: a partial update needs
   * the fields before it, and a create's first version wins.
   */
  boolean supersededByNext(BulkItem older) {
    BulkItem next = older.nextSameId;
    return next != null && supersedes(next, older);
  }

  /** Drops {@code older}, refused for now, in favour of its next version (done, counted). */
  void supersede(BulkItem older) {
    superseded++;
    complete(older);
  }

  private static boolean supersedes(BulkItem newer, BulkItem older) {
    return newer.replaces && newer.index.equals(older.index);
  }

  /**
   * {@code item} is settled with the engine (acknowledged, ignored, superseded, given to the
   * dead-letter topic, let go): the next version of its id, if held back, may go now.
   */
  void settled(BulkItem item) {
    if (item.id == null) {
      return;
    }
    BulkItem next = item.nextSameId;
    if (next == null) {
      lastById.remove(item.id, item);
      return;
    }
    item.nextSameId = null;
    if (next.partition.closed) {
      complete(next); // revoked: releases the versions behind it in turn
      return;
    }
    ready.addFirst(next); // enqueued earlier than what follows it, so due as soon as the front
    readyBytes += next.size;
  }

  /** True when the sender, asleep until the first item's linger time, should look again. */
  boolean worthWaking() {
    return ready.size() == 1 || batchFull() || full();
  }

  /**
   * Holds a record's offset while its dead-letter write is under way; it counts as a held record.
   */
  BulkItem hold(SinkRecord record, TopicPartition tp, long offset) {
    PartitionOffsets p = open(tp);
    BulkItem item = new BulkItem(record, p, offset, null, null, NO_BYTES);
    p.track(item);
    bufferedRecords++;
    return item;
  }

  /** A record that finished without an item (dropped, skipped). */
  void finishedWithoutItem(TopicPartition tp, long offset) {
    open(tp).finishedWithoutItem(offset);
  }

  private PartitionOffsets open(TopicPartition tp) {
    PartitionOffsets p = partitions.computeIfAbsent(tp, PartitionOffsets::new);
    p.closed = false;
    return p;
  }

  /** Per partition, the oldest offset not done (or one past the newest). */
  Map<TopicPartition, Long> committableOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (PartitionOffsets p : partitions.values()) {
      long offset = p.committable();
      if (offset >= 0 && !p.closed) {
        offsets.put(p.partition, offset);
      }
    }
    return offsets;
  }

  /** Forgets partitions taken away by a rebalance; their queued items are never sent. */
  void closePartitions(Collection<TopicPartition> closing) {
    for (TopicPartition tp : closing) {
      PartitionOffsets p = partitions.remove(tp);
      if (p != null) {
        p.closed = true;
      }
    }
    dropClosedReady();
    List<BulkItem> keep = new ArrayList<>();
    for (BulkItem item : retrying) {
      if (item.partition.closed) {
        complete(item);
      } else {
        keep.add(item);
      }
    }
    retrying.clear();
    retrying.addAll(keep);
  }

  /** Marks the queued documents due now; false when none are queued. */
  boolean requestFlush() {
    if (ready.isEmpty()) {
      return false;
    }
    flushRequested = true;
    return true;
  }

  /** Either bound reached: the task should pause its partitions. */
  boolean full() {
    return bufferedBytes >= settings.maxBufferBytes()
        || bufferedRecords >= settings.maxBufferRecords();
  }

  /** Both below half their bound: paused partitions may resume. */
  boolean drained() {
    return bufferedBytes <= settings.maxBufferBytes() / 2
        && bufferedRecords <= settings.maxBufferRecords() / 2;
  }

  private boolean batchFull() {
    return ready.size() >= settings.maxActions() || readyBytes >= settings.maxBytes();
  }

  long bufferedBytes() {
    return bufferedBytes;
  }

  int bufferedRecords() {
    return bufferedRecords;
  }

  long supersededCount() {
    return superseded;
  }

  /** Nothing queued and nothing waiting for a retry. */
  boolean isEmpty() {
    return ready.isEmpty() && retrying.isEmpty();
  }

  /** Milliseconds until a batch is due: 0 now, {@code Long.MAX_VALUE} when nothing is queued. */
  long dueIn(long now) {
    long next = Long.MAX_VALUE;
    if (!ready.isEmpty()) {
      next =
          batchFull() || full() || flushRequested
              ? 0
              : Math.max(0, ready.peekFirst().enqueuedMs + settings.linger().toMillis() - now);
    }
    if (!retrying.isEmpty()) {
      next = Math.min(next, Math.max(0, retrying.peek().notBeforeMs - now));
    }
    return next;
  }

  /**
   * The next batch due at {@code now}, retries first, or null: at most {@code bulk.max.actions}
   * actions and {@code bulk.max.bytes} bytes (a larger document goes alone), an item marked to go
   * alone by itself.
   */
  List<BulkItem> nextBatch(long now) {
    dropClosedReady();
    boolean retryDue = !retrying.isEmpty() && retrying.peek().notBeforeMs <= now;
    boolean readyDue =
        !ready.isEmpty()
            && (flushRequested
                || batchFull()
                || full() // a full buffer does not wait for the linger time
                || now - ready.peekFirst().enqueuedMs >= settings.linger().toMillis());
    if (!retryDue && !readyDue) {
      return null;
    }
    // Sized once: growing it step by step copied the list about three times per full batch.
    List<BulkItem> batch =
        new ArrayList<>(Math.min(settings.maxActions(), ready.size() + retrying.size()));
    long bytes = 0;
    while (!retrying.isEmpty()
        && retrying.peek().notBeforeMs <= now
        && batch.size() < settings.maxActions()) {
      BulkItem item = retrying.peek();
      if (item.partition.closed || item.done) {
        retrying.poll();
        complete(item);
        continue;
      }
      if (!batch.isEmpty() && (item.sendAlone || bytes + item.size > settings.maxBytes())) {
        break;
      }
      retrying.poll();
      item.retrying = false;
      batch.add(item);
      bytes += item.size;
      if (item.sendAlone) {
        return batch;
      }
    }
    while (readyDue && !ready.isEmpty() && batch.size() < settings.maxActions()) {
      BulkItem item = ready.peekFirst();
      if (!batch.isEmpty() && (item.sendAlone || bytes + item.size > settings.maxBytes())) {
        break;
      }
      ready.pollFirst();
      readyBytes -= item.size;
      batch.add(item);
      bytes += item.size;
      if (item.sendAlone) {
        break;
      }
    }
    return batch.isEmpty() ? null : batch;
  }

  /** No longer flushing once everything queued went out. */
  void sent() {
    if (ready.isEmpty()) {
      flushRequested = false;
    }
  }

  /**
   * Puts a whole batch back at the front, in order, due at once: items that were refused before go
   * back to waiting for their retry; items of revoked partitions are let go.
   */
  void requeue(List<BulkItem> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      BulkItem item = batch.get(i);
      if (item.partition.closed) {
        complete(item);
        continue;
      }
      if (item.firstFailureMs >= 0 || item.attempts > 0) {
        retryLater(item);
      } else {
        ready.addFirst(item);
        readyBytes += item.size;
      }
    }
    flushRequested = true;
  }

  /**
   * Puts a batch back at the front, in order, due at once, each item to go in a request of its own.
   */
  void requeueAlone(List<BulkItem> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      BulkItem item = batch.get(i);
      item.sendAlone = true;
      ready.addFirst(item);
      readyBytes += item.size;
    }
    flushRequested = true;
  }

  /** Waits for {@code item.notBeforeMs}; a newer version of the same document may replace it. */
  void retryLater(BulkItem item) {
    item.retrying = true;
    retrying.add(item);
  }

  /**
   * The item is acknowledged, reported or let go: its bytes and record are released, its offset may
   * pass.
   */
  void complete(BulkItem item) {
    if (!item.done) {
      item.done = true;
      bufferedBytes -= item.size;
      bufferedRecords--;
      item.partition.finished(item);
      item.record = null; // most of an item's memory; nothing reads them once it is done
      item.bytes = null;
      settled(item);
    }
  }

  /** Every item queued or waiting for a retry. */
  void forEachQueued(Consumer<BulkItem> action) {
    retrying.forEach(action);
    ready.forEach(action);
  }

  private void dropClosedReady() {
    while (!ready.isEmpty() && ready.peekFirst().partition.closed) {
      BulkItem item = ready.pollFirst();
      readyBytes -= item.size;
      complete(item);
    }
  }
}
