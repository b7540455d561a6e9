package io.tidestream.elastic.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.elastic.retry.RetryBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class BulkBufferTest {

  private static final TopicPartition TP = new TopicPartition("noaa", 0);
  private static final TopicPartition OTHER = new TopicPartition("noaa", 1);

  /** 3 actions or 300 bytes per batch, 50 ms linger, at most 1000 bytes or 5 records held. */
  private final BulkBuffer buffer =
      new BulkBuffer(
          new BulkSettings(
              3,
              300,
              Duration.ofMillis(50),
              1,
              1000,
              5,
              RetryBudget.ofMillis(60_000),
              Duration.ofSeconds(30)));

  /** {@code size} bytes that start like an index action ({"i…), which replaces a document. */
  private static byte[] bytes(int size) {
    String text = "{\"index\"" + "x".repeat(Math.max(0, size));
    return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
  }

  private BulkItem add(TopicPartition tp, long offset, String id, int size, long now) {
    return buffer.add(
        new SinkRecord(tp.topic(), tp.partition(), null, null, null, "{}", offset),
        tp,
        offset,
        "tides",
        id,
        bytes(size),
        now);
  }

  private static List<Long> offsets(List<BulkItem> batch) {
    return batch.stream().map(BulkItem::offset).toList();
  }

  @Test
  void aBatchIsDueWhenItLingeredLongEnoughOrIsFull() {
    add(TP, 0, "a", 10, 1_000);
    assertThat(buffer.dueIn(1_000)).isEqualTo(50);
    assertThat(buffer.nextBatch(1_049)).isNull();
    add(TP, 1, "b", 10, 1_010);
    add(TP, 2, "c", 10, 1_020);
    assertThat(buffer.dueIn(1_020)).as("three actions: full").isZero();
    assertThat(offsets(buffer.nextBatch(1_020))).containsExactly(0L, 1L, 2L);
    assertThat(buffer.nextBatch(1_020)).isNull();
    assertThat(buffer.dueIn(1_020)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aBatchStopsBeforeTheByteLimitAndALargerDocumentGoesAlone() {
    add(TP, 0, "a", 200, 0);
    add(TP, 1, "b", 200, 0);
    add(TP, 2, "c", 400, 0);
    assertThat(offsets(buffer.nextBatch(50))).containsExactly(0L);
    assertThat(offsets(buffer.nextBatch(50))).containsExactly(1L);
    assertThat(offsets(buffer.nextBatch(50))).containsExactly(2L);
  }

  @Test
  void aFlushMakesQueuedDocumentsDueAtOnce() {
    assertThat(buffer.requestFlush()).as("nothing queued").isFalse();
    add(TP, 0, "a", 10, 0);
    assertThat(buffer.requestFlush()).isTrue();
    assertThat(buffer.dueIn(0)).isZero();
    assertThat(offsets(buffer.nextBatch(0))).containsExactly(0L);
    buffer.sent();
    add(TP, 1, "b", 10, 0);
    assertThat(buffer.dueIn(0)).as("flush over once everything went out").isEqualTo(50);
  }

  @Test
  void boundedInBytesAndRecordsAndResumesBelowHalf() {
    for (int i = 0; i < 4; i++) {
      add(TP, i, "d" + i, 10, 0);
    }
    assertThat(buffer.full()).isFalse();
    BulkItem held = buffer.hold(new SinkRecord("noaa", 0, null, null, null, "{}", 4), TP, 4);
    assertThat(buffer.full()).as("5 records held").isTrue();
    assertThat(buffer.bufferedRecords()).isEqualTo(5);
    assertThat(buffer.bufferedBytes()).isEqualTo(40);
    List<BulkItem> batch = buffer.nextBatch(100);
    batch.forEach(buffer::complete);
    assertThat(buffer.drained()).as("2 records left").isTrue();
    assertThat(buffer.committableOffsets()).containsEntry(TP, 3L);
    buffer.complete(buffer.nextBatch(100).get(0));
    assertThat(buffer.committableOffsets())
        .as("held for its dead-letter write")
        .containsEntry(TP, 4L);
    buffer.complete(held);
    assertThat(buffer.committableOffsets()).containsEntry(TP, 5L);
    assertThat(buffer.bufferedBytes()).isZero();
  }

  @Test
  void aFullBufferDoesNotWaitForTheLingerTime() {
    BulkBuffer small =
        new BulkBuffer(
            new BulkSettings(
                100,
                1 << 20,
                Duration.ofSeconds(10),
                1,
                25,
                100,
                RetryBudget.ofMillis(60_000),
                Duration.ofSeconds(30)));
    small.add(
        new SinkRecord("noaa", 0, null, null, null, "{}", 0), TP, 0, "tides", "a", bytes(30), 0);
    assertThat(small.dueIn(0)).isZero();
    assertThat(small.nextBatch(0)).hasSize(1);
  }

  @Test
  void aRequeuedBatchGoesBackToTheFrontInOrderAndRetriesWaitTheirTurn() {
    BulkItem a = add(TP, 0, "a", 10, 0);
    BulkItem b = add(TP, 1, "b", 10, 0);
    List<BulkItem> first = buffer.nextBatch(100);
    add(TP, 2, "c", 10, 100);
    b.firstFailureMs = 50; // refused before: back to waiting for its retry
    b.notBeforeMs = 400;
    buffer.requeue(first);
    assertThat(buffer.dueIn(100)).isZero();
    assertThat(offsets(buffer.nextBatch(100))).containsExactly(0L, 2L);
    assertThat(buffer.nextBatch(399)).isNull();
    assertThat(buffer.nextBatch(400)).containsExactly(b);
    assertThat(a.done).isFalse();
  }

  @Test
  void aNewerVersionReplacesARetryOfTheSameDocument() {
    BulkItem old = add(TP, 0, "same", 10, 0);
    buffer.nextBatch(100);
    old.notBeforeMs = 500;
    buffer.retryLater(old);
    add(TP, 1, "same", 10, 200);
    assertThat(old.done).isTrue();
    assertThat(buffer.supersededCount()).isEqualTo(1);
    assertThat(offsets(buffer.nextBatch(1_000))).containsExactly(1L);
  }

  @Test
  void aSplitBatchSendsEachDocumentAlone() {
    add(TP, 0, "a", 10, 0);
    add(TP, 1, "b", 10, 0);
    List<BulkItem> batch = buffer.nextBatch(100);
    buffer.requeueAlone(batch);
    assertThat(offsets(buffer.nextBatch(100))).containsExactly(0L);
    assertThat(offsets(buffer.nextBatch(100))).containsExactly(1L);
  }

  @Test
  void closedPartitionsAreForgottenAndTheirItemsLetGo() {
    add(TP, 0, "a", 10, 0);
    add(OTHER, 0, "b", 10, 0);
    BulkItem retrying = add(TP, 1, "c", 10, 0);
    buffer.nextBatch(100); // all three out
    retrying.notBeforeMs = 500;
    buffer.retryLater(retrying);
    add(TP, 2, "d", 10, 100);
    buffer.closePartitions(List.of(TP));
    assertThat(retrying.done).isTrue();
    assertThat(buffer.committableOffsets()).doesNotContainKey(TP);
    assertThat(buffer.nextBatch(1_000)).isNull();
    assertThat(buffer.isEmpty()).isTrue();
  }
}
