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
