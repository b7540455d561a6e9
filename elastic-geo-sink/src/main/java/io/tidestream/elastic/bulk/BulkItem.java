package io.tidestream.elastic.bulk;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One bulk action on its way to the engine, with the record it came from (for the dead-letter
 * topic) and its retry state. Once done it lets go of the record and the document, which are most
 * of its memory. Mutable fields are guarded by the owning {@link BulkWriter}'s lock.
 */
public final class BulkItem {

  SinkRecord record;
  final PartitionOffsets partition;
  final long offset;
  final String index;
  final String id;
  byte[] bytes;
  final int size;

  int attempts;
  long firstFailureMs = -1;
  long notBeforeMs;
  long enqueuedMs;
  boolean sendAlone;
  boolean done;

  /**
   * True for an index or delete action, which replaces the whole document; false for update
   * (partial) and create (first write wins), whose older version must land first.
   */
  final boolean replaces;

  /** Waiting in the buffer's retry queue. */
  boolean retrying;

  /** The next version of the same id, held back until this one is settled; see BulkBuffer. */
  BulkItem nextSameId;

  BulkItem(
      SinkRecord record,
      PartitionOffsets partition,
      long offset,
      String index,
      String id,
      byte[] bytes) {
    this.record = record;
    this.partition = partition;
    this.offset = offset;
    this.index = index;
    this.id = id;
    this.bytes = bytes;
    this.size = bytes.length;
    // The action line starts {"index", {"delete", {"create" or {"update" (NdjsonWriter).
    this.replaces = bytes.length > 2 && (bytes[2] == 'i' || bytes[2] == 'd');
  }

  public SinkRecord record() {
    return record;
  }

  public String index() {
    return index;
  }

  public String id() {
    return id;
  }

  public long offset() {
    return offset;
  }

  public int sizeInBytes() {
    return size;
  }
}
