package io.tidestream.elastic.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.common.testing.ManualClock;
import io.tidestream.elastic.retry.ErrorAction;
import io.tidestream.elastic.retry.ErrorTypeActions;
import io.tidestream.elastic.retry.RetryBudget;
import io.tidestream.elastic.testing.BulkResponses;
import io.tidestream.elastic.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class BulkWriterTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 0);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final FakeTransport transport = new FakeTransport();

  /** Backoff without randomness at its ceiling: 100, 200, 400, … ms. */
  private BulkWriter writer(
      int maxActions, long maxBytes, long lingerMs, int inFlight, long bufferBytes, long budgetMs) {
    return new BulkWriter(
        new BulkSettings(
            maxActions,
            maxBytes,
            Duration.ofMillis(lingerMs),
            inFlight,
            bufferBytes,
            RetryBudget.ofMillis(budgetMs)),
        transport,
        new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER),
        new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999),
        clock,
        new JsonFactory());
  }

  private static byte[] line(long offset) {
    return ("{\"index\":{\"_index\":\"tides\",\"_id\":\"id"
            + offset
            + "\"}}\n{\"v\":"
            + offset
            + "}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static BulkItem add(BulkWriter writer, long offset) {
    SinkRecord record = new SinkRecord(TP.topic(), TP.partition(), null, null, null, "{}", offset);
    return writer.add(record, TP, offset, "tides", "id" + offset, line(offset));
  }

  @Test
  void onlyFailedTransientItemsAreResentAloneAndPermanentOnesWaitForTheDeadLetterReport() {
    BulkWriter writer = writer(5, 1 << 20, 0, 1, 1 << 20, 60_000);
    for (long o = 0; o < 5; o++) {
      add(writer, o);
    }
    transport.then(
        body ->
            new FakeTransport.Http(
                200,
                BulkResponses.items(
                    "ok",
                    "429:es_rejected_execution_exception",
                    "ok",
                    "503:unavailable_shards_exception",
                    "400:mapper_parsing_exception")));

    assertThat(writer.pump()).isEqualTo(1);
    List<ItemFailure> failures = writer.drainFailures();
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.item().id()).isEqualTo("id4");
              assertThat(f.errorType()).isEqualTo("mapper_parsing_exception");
              assertThat(f.reason()).isEqualTo("reason for mapper_parsing_exception");
              assertThat(f.status()).isEqualTo(400);
            });
    assertThat(writer.committableOffsets()).containsEntry(TP, 1L);

    assertThat(writer.pump()).as("backoff not yet elapsed").isZero();
    clock.advance(99);
    assertThat(writer.pump()).isZero();
    clock.advance(1);
    assertThat(writer.pump()).isEqualTo(1);

    assertThat(FakeTransport.ids(transport.bodies().get(1))).containsExactly("id1", "id3");
    assertThat(writer.committableOffsets()).as("id4 not reported yet").containsEntry(TP, 4L);
    writer.reported(failures.get(0).item());
    assertThat(writer.committableOffsets()).containsEntry(TP, 5L);
    assertThat(writer.acknowledgedCount()).isEqualTo(4);
    assertThat(writer.itemRetryCount()).isEqualTo(2);
    assertThat(writer.idle()).isTrue();
    assertThat(writer.bufferedBytes()).isZero();
  }

  @Test
  void aNewerVersionOfADocumentReplacesItsPendingRetrySoTheOldOneNeverOverwritesIt() {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, 60_000);
    SinkRecord preliminary = new SinkRecord(TP.topic(), 0, null, null, null, "{}", 0);
    writer.add(preliminary, TP, 0, "tides", "8724580|water_level|1", line(0));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("429:es_rejected_execution_exception")));
    writer.pump();
    SinkRecord verified = new SinkRecord(TP.topic(), 0, null, null, null, "{}", 1);
    writer.add(verified, TP, 1, "tides", "8724580|water_level|1", line(1));
    writer.pump();
    clock.advance(1_000);
    writer.pump();

    assertThat(transport.bodies()).hasSize(2);
    assertThat(transport.bodies().get(1)).contains("{\"v\":1}").doesNotContain("{\"v\":0}");
    assertThat(writer.supersededCount()).isEqualTo(1);
    assertThat(writer.committableOffsets()).containsEntry(TP, 2L);
    assertThat(writer.idle()).isTrue();
    assertThat(writer.bufferedBytes()).isZero();
  }

  /** Lines of one action on document {@code id} whose source is {@code {"v":version}}. */
  private static byte[] action(String action, String id, long version) {
    String source =
        action.equals("update")
            ? "{\"doc\":{\"v\":" + version + "},\"doc_as_upsert\":true}"
            : "{\"v\":" + version + "}";
    return ("{\"" + action + "\":{\"_index\":\"tides\",\"_id\":\"" + id + "\"}}\n" + source + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A model of the engine: applies each request's actions in order when it arrives, except the
   * versions listed in {@code refuseOnce}, which it refuses once with a per-item 429; remembers the
   * order in which versions were written per id.
   */
  private static final class ModelEngine
      implements java.util.function.Function<String, FakeTransport.Answer> {
    final Map<String, List<Long>> writes = new java.util.HashMap<>();
    final java.util.Set<Long> refuseOnce = new java.util.HashSet<>();

    @Override
    public FakeTransport.Answer apply(String body) {
      String[] lines = body.split("\n");
      List<String> outcomes = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < lines.length; i += 2) {
        String id = lines[i].replaceAll(".*\"_id\":\"([^\"]*)\".*", "$1");
        long version = Long.parseLong(lines[i + 1].replaceAll(".*\"v\":(\\d+).*", "$1"));
        if (refuseOnce.remove(version)) {
          outcomes.add("429:es_rejected_execution_exception");
        } else {
          writes.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(version);
          outcomes.add("ok");
        }
      }
      return new FakeTransport.Http(200, BulkResponses.items(outcomes.toArray(String[]::new)));
    }

    Long last(String id) {
      List<Long> w = writes.get(id);
      return w == null ? null : w.get(w.size() - 1);
    }
  }

  private SinkRecord record(long offset) {
    return new SinkRecord(TP.topic(), TP.partition(), null, null, null, "{}", offset);
  }

  /** Pumps, answers and lets the backoff pass until nothing is left. */
  private void drain(BulkWriter writer) {
    for (int round = 0; round < 50 && !writer.idle(); round++) {
      writer.pump();
      transport.releaseAll();
      clock.advance(1_000);
    }
    assertThat(writer.idle()).isTrue();
  }

  @Test
  void
      anOlderVersionRefusedWhileANewerOneIsQueuedNeverOverwritesTheNewerWithSeveralRequestsInFlight() {
    // One action per request and three requests in flight: without per-id ordering, version 1 of
    // "a" goes out while version 0 is still in flight, version 0 is refused (429) and its retry
    // lands after version 1.
    BulkWriter writer = writer(1, 1 << 20, 0, 3, 1 << 20, 60_000);
    ModelEngine engine = new ModelEngine();
    engine.refuseOnce.add(0L);
    engine.refuseOnce.add(10L);
    transport.otherwise(engine);
    transport.holdResponses(true);

    writer.add(record(0), TP, 0, "tides", "a", action("index", "a", 0));
    writer.add(record(1), TP, 1, "tides", "b", action("index", "b", 10));
    writer.pump();
    writer.add(record(2), TP, 2, "tides", "a", action("index", "a", 1));
    writer.add(record(3), TP, 3, "tides", "b", action("index", "b", 11));
    writer.add(record(4), TP, 4, "tides", "c", action("index", "c", 20));
    writer.pump();
    transport.releaseAll();
    drain(writer);

    assertThat(engine.last("a")).isEqualTo(1L);
    assertThat(engine.last("b")).isEqualTo(11L);
    assertThat(engine.last("c")).isEqualTo(20L);
    // the refused versions were superseded by the newer full documents, not sent again
    assertThat(engine.writes).containsEntry("a", List.of(1L)).containsEntry("b", List.of(11L));
    assertThat(writer.supersededCount()).isEqualTo(2);
    assertThat(writer.committableOffsets()).containsEntry(TP, 5L);
    assertThat(writer.bufferedRecords()).isZero();
  }

  @Test
  void partialUpdatesOfOneIdReachTheEngineOneAtATimeInRecordOrderEvenWhenTheFirstIsRefused() {
    BulkWriter writer = writer(1, 1 << 20, 0, 3, 1 << 20, 60_000);
    ModelEngine engine = new ModelEngine();
    engine.refuseOnce.add(0L);
    transport.otherwise(engine);
    transport.holdResponses(true);

    writer.add(record(0), TP, 0, "tides", "a", action("update", "a", 0));
    writer.add(record(1), TP, 1, "tides", "a", action("update", "a", 1));
    writer.add(record(2), TP, 2, "tides", "a", action("update", "a", 2));
    assertThat(writer.pump()).isEqualTo(1); // the later versions wait for the first
    transport.releaseAll();
    drain(writer);

    // an update is partial: the refused one is retried, never dropped, and lands before the others
    assertThat(engine.writes).containsEntry("a", List.of(0L, 1L, 2L));
    assertThat(writer.supersededCount()).isZero();
    assertThat(writer.committableOffsets()).containsEntry(TP, 3L);
  }

  @Test
  void aVersionTheEngineRejectsForGoodLetsTheNextVersionGoWithoutWaitingForTheDeadLetterReport() {
    BulkWriter writer = writer(10, 1 << 20, 0, 2, 1 << 20, 60_000);
    transport.then(
        body -> new FakeTransport.Http(200, BulkResponses.items("400:mapper_parsing_exception")));
    writer.add(record(0), TP, 0, "tides", "a", action("index", "a", 0));
    writer.add(record(1), TP, 1, "tides", "a", action("index", "a", 1));
    assertThat(writer.pump()).isEqualTo(1);
    assertThat(transport.bodies().get(0)).contains("{\"v\":0}").doesNotContain("{\"v\":1}");

    List<ItemFailure> failures = writer.drainFailures();
    assertThat(failures).singleElement().extracting(f -> f.item().offset()).isEqualTo(0L);
    assertThat(writer.pump()).isEqualTo(1); // before the dead-letter topic confirmed version 0
    assertThat(transport.bodies().get(1)).contains("{\"v\":1}");
    assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
    writer.reported(failures.get(0).item());
    assertThat(writer.committableOffsets()).containsEntry(TP, 2L);
    assertThat(writer.idle()).isTrue();
  }

  @Test
  void versionsHeldBehindADocumentOfARevokedPartitionAreLetGoWithIt() {
    BulkWriter writer = writer(10, 1 << 20, 0, 2, 1 << 20, 60_000);
    transport.holdResponses(true);
    writer.add(record(0), TP, 0, "tides", "a", action("update", "a", 0));
    writer.pump();
    writer.add(record(1), TP, 1, "tides", "a", action("update", "a", 1));
    writer.add(record(2), TP, 2, "tides", "a", action("update", "a", 2));
    writer.closePartitions(List.of(TP));
    transport.releaseAll();
    writer.pump();

    assertThat(transport.requestCount()).isEqualTo(1);
    assertThat(writer.idle()).isTrue();
    assertThat(writer.bufferedRecords()).isZero();
  }

  @Test
  void transientItemBackoffDoublesAndTheTaskFailsOnceTheBudgetIsSpent() {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, 1_000);
    add(writer, 0);
    for (int i = 0; i < 10; i++) {
      transport.then(
          body ->
              new FakeTransport.Http(
                  200, BulkResponses.items("429:es_rejected_execution_exception")));
    }
    long[] waits = {100, 200, 400};
    assertThat(writer.pump()).isEqualTo(1); // t=0: first failure
    for (long wait : waits) {
      clock.advance(wait - 1);
      assertThat(writer.pump()).isZero();
      clock.advance(1);
      assertThat(writer.pump()).isEqualTo(1);
    }
    writer.throwIfFailed(); // t=700: still within 1 s
    clock.advance(800);
    assertThat(writer.pump()).isEqualTo(1); // t=1500: budget spent
    assertThatThrownBy(writer::throwIfFailed)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("es_rejected_execution_exception")
        .hasMessageContaining("retry.budget.ms");
    assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
  }

  @Test
  void unlimitedBudgetKeepsRetrying() {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, -1);
    add(writer, 0);
    for (int i = 0; i < 30; i++) {
      transport.then(
          body ->
              new FakeTransport.Http(200, BulkResponses.items("429:circuit_breaking_exception")));
    }
    for (int i = 0; i < 30; i++) {
      writer.pump();
      clock.advance(10_000);
    }
    writer.throwIfFailed();
    assertThat(transport.requestCount()).isEqualTo(30);
    writer.pump();
    assertThat(writer.acknowledgedCount()).isEqualTo(1);
  }

  @Test
  void engineDownPausesAndResendsTheWholeRequestInOrderWithNothingLostOrDuplicated() {
    BulkWriter writer = writer(100, 1 << 20, 0, 1, 1 << 20, 60_000);
    for (long o = 0; o < 4; o++) {
      add(writer, o);
    }
    transport
        .thenFail(FakeTransport.connectionRefused())
        .thenFail(FakeTransport.connectionRefused())
        .then(
            body ->
                new FakeTransport.Http(
                    503,
                    "{\"error\":{\"type\":\"master_not_discovered_exception\"},\"status\":503}"));

    assertThat(writer.pump()).isEqualTo(1);
    assertThat(writer.engineDown()).isTrue();
    assertThat(writer.shouldPause()).isTrue();
    assertThat(writer.pump()).isZero();
    clock.advance(100);
    assertThat(writer.pump()).isEqualTo(1);
    clock.advance(200);
    assertThat(writer.pump()).isEqualTo(1); // the 503
    add(writer, 4); // arrives while down
    clock.advance(399);
    assertThat(writer.pump()).isZero();
    clock.advance(1);
    assertThat(writer.pump()).isEqualTo(1);

    assertThat(writer.engineDown()).isFalse();
    assertThat(writer.mayResume()).isTrue();
    assertThat(FakeTransport.ids(transport.bodies().get(3)))
        .containsExactly("id0", "id1", "id2", "id3", "id4");
    assertThat(writer.acknowledgedCount()).isEqualTo(5);
    assertThat(writer.committableOffsets()).containsEntry(TP, 5L);
    assertThat(writer.requestRetryCount()).isEqualTo(3);
  }

  /**
   * The budget is for items the engine keeps refusing while it answers; an outage alone never fails
   * the task.
   */
  @Test
  void anEngineDownForLongerThanTheRetryBudgetNeverFailsTheTaskAndResumesWithNothingLost() {
    BulkWriter writer = writer(100, 1 << 20, 0, 1, 1 << 20, 500);
    add(writer, 0);
    add(writer, 1);
    transport.otherwise(body -> new FakeTransport.Fail(FakeTransport.connectionRefused()));
    long down = 0;
    while (down < 3_600_000) { // an hour of outage against a budget of half a second
      writer.pump();
      writer.throwIfFailed();
      assertThat(writer.engineDown()).isTrue();
      assertThat(writer.shouldPause()).isTrue();
      assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
      clock.advance(10_000); // the longest backoff
      down += 10_000;
    }
    add(writer, 2); // arrives while down
    transport.otherwise(null);
    writer.pump();
    writer.throwIfFailed();
    assertThat(writer.engineDown()).isFalse();
    assertThat(writer.acknowledgedCount()).isEqualTo(3);
    assertThat(writer.committableOffsets()).containsEntry(TP, 3L);
    assertThat(FakeTransport.ids(transport.bodies().get(transport.requestCount() - 1)))
        .containsExactly("id0", "id1", "id2");
  }

  @Test
  void aStartUpThatCannotReachTheEngineWaitsForItForLongerThanTheBudget() {
    BulkWriter writer = writer(100, 1 << 20, 0, 1, 1 << 20, 500);
    int[] attempts = {0};
    writer.preflight(
        () -> {
          if (++attempts[0] < 400) {
            throw FakeTransport.connectionRefused();
          }
        });
    add(writer, 0);
    while (!writer.tryPreflight()) {
      writer.throwIfFailed();
      assertThat(writer.pump()).as("nothing is sent before the start-up work is done").isZero();
      clock.advance(10_000);
    }
    writer.pump();
    writer.throwIfFailed();
    assertThat(attempts[0]).isEqualTo(400);
    assertThat(writer.acknowledgedCount()).isEqualTo(1);
  }

  /** Time spent waiting out an outage is not time the engine spent refusing the item. */
  @Test
  void anOutageDoesNotCountAgainstTheRetryBudgetOfAnItemTheEngineRefused() {
    BulkWriter writer = writer(100, 1 << 20, 0, 1, 1 << 20, 1_000);
    add(writer, 0);
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("429:es_rejected_execution_exception")));
    writer.pump(); // t=0: first refusal of the item
    clock.advance(500);
    transport.thenFail(FakeTransport.connectionRefused());
    writer.pump(); // t=500: the engine is gone ...
    for (int i = 0; i < 60; i++) { // ... for ten minutes
      clock.advance(10_000);
      transport.thenFail(FakeTransport.connectionRefused());
      writer.pump();
    }
    clock.advance(10_000);
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("429:es_rejected_execution_exception")));
    writer
        .pump(); // back, and refuses the item once more: 600 ms of refusals, within the 1 s budget
    writer.throwIfFailed();
    clock.advance(10_000);
    writer.pump();
    writer.throwIfFailed();
    assertThat(writer.acknowledgedCount()).isEqualTo(1);
  }

  @Test
  void bufferIsBoundedInBytes() {
    int size = line(0).length;
    BulkWriter writer = writer(100, 1 << 20, 60_000, 1, 3L * size, 60_000);
    add(writer, 0);
    add(writer, 1);
    assertThat(writer.shouldPause()).isFalse();
    add(writer, 2);
    assertThat(writer.shouldPause()).isTrue();
    assertThat(writer.mayResume()).isFalse();
    writer.flushSoon();
    writer.pump();
    assertThat(writer.bufferedBytes()).isZero();
    assertThat(writer.shouldPause()).isFalse();
    assertThat(writer.mayResume()).isTrue();
  }

  @Test
  void batchesByCountAndBytesAndWaitsForTheLingerTime() {
    BulkWriter writer = writer(3, 1 << 20, 1_000, 10, 1 << 20, 60_000);
    for (long o = 0; o < 7; o++) {
      add(writer, o);
    }
    assertThat(writer.pump()).isEqualTo(2);
    assertThat(transport.bodies()).extracting(FakeTransport::actionCount).containsExactly(3, 3);
    clock.advance(999);
    assertThat(writer.pump()).isZero();
    clock.advance(1);
    assertThat(writer.pump()).isEqualTo(1);
    assertThat(FakeTransport.ids(transport.bodies().get(2))).containsExactly("id6");

    int size = line(10).length;
    BulkWriter bytes = writer(100, size * 2L + size / 2, 0, 10, 1 << 20, 60_000);
    for (long o = 10; o < 15; o++) {
      add(bytes, o);
    }
    bytes.pump();
    assertThat(transport.bodies().subList(3, transport.requestCount()))
        .extracting(FakeTransport::actionCount)
        .containsExactly(2, 2, 1);
  }

  @Test
  void keepsAtMostTheConfiguredRequestsInFlight() {
    BulkWriter writer = writer(1, 1 << 20, 0, 2, 1 << 20, 60_000);
    transport.holdResponses(true);
    for (long o = 0; o < 5; o++) {
      add(writer, o);
    }
    assertThat(writer.pump()).isEqualTo(2);
    assertThat(writer.pump()).isZero();
    assertThat(writer.inFlight()).isEqualTo(2);
    transport.releaseAll();
    assertThat(writer.pump()).isEqualTo(2);
    transport.releaseAll();
    assertThat(writer.pump()).isEqualTo(1);
    transport.releaseAll();
    assertThat(writer.acknowledgedCount()).isEqualTo(5);
    assertThat(writer.committableOffsets()).containsEntry(TP, 5L);
  }

  @Test
  void acknowledgedItemsLetGoOfTheirRecordAndDocumentEvenBehindOneThatIsStillRetrying() {
    BulkWriter writer = writer(3, 1 << 20, 0, 1, 1 << 20, 60_000);
    List<BulkItem> items = List.of(add(writer, 0), add(writer, 1), add(writer, 2));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("429:es_rejected_execution_exception", "ok", "ok")));
    writer.pump();

    assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
    assertThat(writer.bufferedRecords()).isEqualTo(1);
    assertThat(items.get(0).record).isNotNull();
    assertThat(items.subList(1, 3))
        .allSatisfy(
            item -> {
              assertThat(item.record).isNull();
              assertThat(item.bytes).isNull();
            });
    clock.advance(1_000);
    writer.pump();
    assertThat(writer.committableOffsets()).containsEntry(TP, 3L);
    assertThat(items.get(0).record).isNull();
  }

  @Test
  void aDocumentRetryingForLongKeepsOnlyAboutAsManyFinishedItemsBehindItAsAreUnfinished() {
    BulkWriter writer = writer(100, 1 << 20, 0, 1, 1 << 20, 600_000);
    BulkItem stuck = add(writer, 0);
    transport.otherwise(
        body ->
            new FakeTransport.Http(
                200,
                body.contains("\"id0\"")
                    ? BulkResponses.items(
                        java.util.stream.IntStream.range(0, FakeTransport.actionCount(body))
                            .mapToObj(i -> i == 0 ? "429:es_rejected_execution_exception" : "ok")
                            .toArray(String[]::new))
                    : BulkResponses.allOk(FakeTransport.actionCount(body))));
    for (long o = 1; o <= 5_000; o++) {
      add(writer, o);
      if (o % 100 == 0) {
        writer.pump();
        clock.advance(1);
      }
    }
    writer.pump();
    assertThat(stuck.done).isFalse();
    assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
    assertThat(stuck.partition.keptCount()).isLessThan(100);
  }

  @Test
  void theRecordBoundPausesWhileTheBytesAreStillFewAndResumesBelowHalf() {
    BulkWriter writer =
        new BulkWriter(
            new BulkSettings(
                100,
                1 << 20,
                Duration.ofSeconds(10),
                1,
                1 << 30,
                10,
                RetryBudget.ofMillis(60_000),
                Duration.ofMinutes(3)),
            transport,
            new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER),
            new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5),
            clock,
            new JsonFactory());
    transport.holdResponses(true);
    for (long o = 0; o < 9; o++) {
      add(writer, o);
    }
    assertThat(writer.shouldPause()).isFalse();
    assertThat(writer.pump()).as("within the linger time and under both bounds").isZero();
    add(writer, 9);
    assertThat(writer.bufferedRecords()).isEqualTo(10);
    assertThat(writer.shouldPause()).isTrue();
    assertThat(writer.pump()).as("a full buffer does not wait for the linger time").isEqualTo(1);
    assertThat(writer.mayResume()).isFalse();
    transport.releaseAll();
    assertThat(writer.bufferedRecords()).isZero();
    assertThat(writer.mayResume()).isTrue();
  }

  @Test
  void requestsThatNeverGetACallbackAreGivenUpAfterTheDeadlineAndSentAgainOnAFreshClient() {
    BulkWriter writer =
        new BulkWriter(
            new BulkSettings(
                1,
                1 << 20,
                Duration.ZERO,
                2,
                1 << 20,
                Integer.MAX_VALUE,
                RetryBudget.ofMillis(600_000),
                Duration.ofSeconds(75)),
            transport,
            new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER),
            new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999),
            clock,
            new JsonFactory());
    transport.holdResponses(true); // a wedged HTTP client: neither answers nor errors come back
    for (long o = 0; o < 3; o++) {
      add(writer, o);
    }
    assertThat(writer.pump()).isEqualTo(2);
    clock.advance(74_999);
    assertThat(writer.pump()).as("still within the deadline, both slots taken").isZero();
    assertThat(transport.resetCount()).isZero();

    clock.advance(1);
    transport.holdResponses(false);
    writer.pump(); // gives both up, restarts the client, and waits out the backoff of a failed
    // attempt
    assertThat(transport.resetCount()).isEqualTo(1);
    assertThat(writer.abandonedRequestCount()).isEqualTo(2);
    assertThat(writer.engineDown()).isTrue();
    clock.advance(10_000);
    while (!writer.idle()) {
      writer.pump();
      clock.advance(1_000);
    }
    assertThat(writer.acknowledgedCount()).isEqualTo(3);
    assertThat(writer.engineDown()).isFalse();
    assertThat(writer.committableOffsets()).containsEntry(TP, 3L);

    transport.releaseAll(); // the old client's late answers change nothing
    assertThat(writer.acknowledgedCount()).isEqualTo(3);
    assertThat(writer.inFlight()).isZero();
    assertThat(writer.bufferedBytes()).isZero();
    assertThat(FakeTransport.ids(String.join("", transport.bodies())))
        .containsExactly("id0", "id1", "id0", "id1", "id2");
  }

  @Test
  void requestTooLargeIsSplitAndOnlyAnOversizedDocumentIsDeadLettered() {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, 60_000);
    for (long o = 0; o < 3; o++) {
      add(writer, o);
    }
    transport
        .then(body -> new FakeTransport.Http(413, ""))
        .then(body -> new FakeTransport.Http(200, BulkResponses.allOk(1)))
        .then(body -> new FakeTransport.Http(413, ""));
    writer.pump();
    for (int i = 0; i < 3; i++) {
      writer.pump();
    }
    assertThat(transport.bodies())
        .extracting(FakeTransport::actionCount)
        .containsExactly(3, 1, 1, 1);
    assertThat(writer.drainFailures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.item().id()).isEqualTo("id1");
              assertThat(f.errorType()).isEqualTo("request_entity_too_large");
              assertThat(f.status()).isEqualTo(413);
            });
    writer.throwIfFailed();
  }

  @Test
  void badCredentialsFailTheTask() {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, 60_000);
    add(writer, 0);
    transport.then(
        body ->
            new FakeTransport.Http(
                401, "{\"error\":{\"type\":\"security_exception\"},\"status\":401}"));
    writer.pump();
    assertThatThrownBy(writer::throwIfFailed)
        .hasMessageContaining("authentication failed")
        .hasMessageContaining("connection.password");
  }

  @Test
  void configuredFailActionStopsTheTaskAndIgnoreCountsAsDone() {
    BulkWriter writer =
        new BulkWriter(
            new BulkSettings(10, 1 << 20, Duration.ZERO, 1, 1 << 20, RetryBudget.ofMillis(60_000)),
            transport,
            new ErrorTypeActions(
                ErrorTypeActions.parseOverrides(
                    List.of(
                        "version_conflict_engine_exception:ignore",
                        "strict_dynamic_mapping_exception:fail")),
                ErrorAction.DEAD_LETTER),
            new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.5),
            clock,
            new JsonFactory());
    add(writer, 0);
    add(writer, 1);
    transport.then(
        body ->
            new FakeTransport.Http(
                200,
                BulkResponses.items(
                    "409:version_conflict_engine_exception",
                    "400:strict_dynamic_mapping_exception")));
    writer.pump();
    assertThat(writer.committableOffsets()).containsEntry(TP, 1L);
    assertThatThrownBy(writer::throwIfFailed)
        .hasMessageContaining("strict_dynamic_mapping_exception")
        .hasMessageContaining("errors.type.actions");
  }

  /**
   * Recorded from OpenSearch 2.19.4: the whole request refused with the engine's reason, which the
   * message keeps.
   */
  @Test
  void aWholeRequestRefusedWith400FailsTheTaskWithTheEnginesReason() throws Exception {
    BulkWriter writer = writer(10, 1 << 20, 0, 1, 1 << 20, 60_000);
    add(writer, 0);
    String body =
        new String(
            BulkResponses.recorded("opensearch-2.19.4-bulk-400-unknown-parameter.json"),
            StandardCharsets.UTF_8);
    transport.then(b -> new FakeTransport.Http(400, body));
    writer.pump();
    assertThatThrownBy(writer::throwIfFailed)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining(
            "illegal_argument_exception: Action/metadata line [1] contains an unknown parameter "
                + "[bogus_param]");
    assertThat(writer.committableOffsets()).containsEntry(TP, 0L);
  }

  @Test
  void closedPartitionsAreNotSent() {
    BulkWriter writer = writer(10, 1 << 20, 60_000, 1, 1 << 20, 60_000);
    add(writer, 0);
    add(writer, 1);
    writer.closePartitions(List.of(TP));
    writer.flushSoon();
    assertThat(writer.pump()).isZero();
    assertThat(writer.bufferedBytes()).isZero();
    assertThat(writer.committableOffsets()).doesNotContainKey(TP);
  }
}
