package io.tidestream.elastic.deadletter;

import io.tidestream.elastic.bulk.BulkItem;
import io.tidestream.elastic.document.Utf8;
import io.tidestream.elastic.retry.DeadLetterRetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter writes that are not confirmed yet. Each holds its record's offset back (through the
 * {@link BulkItem} the bulk writer tracks for it) until the dead-letter topic has the record; a
 * failed write is tried again or stops the task as {@link DeadLetterRetry} decides. Polled from the
 * task thread ({@code put()} and {@code preCommit()}) with {@link Future#isDone()}, so it never
 * blocks. Not thread-safe: the task thread owns it.
 *
 * <p>The worker (Kafka 2.6 to at least 4.1) keeps only the futures of its reporters that are not
 * done yet and answers an already-completed {@code CompletableFuture} of its own when none is left,
 * so a record its dead-letter producer refuses at once (larger than {@code max.request.size}, say)
 * comes back as "written". A write still in flight comes back as the worker's view over the
 * producer's futures instead, which is no {@code CompletableFuture}. So a completed {@code
 * CompletableFuture} from {@code report()} counts as {@link DeadLetterRetry.RefusedAtOnce refused};
 * only a write acknowledged in the few nanoseconds between the producer's {@code send} and the
 * worker's check could look the same, and then a later attempt only adds a duplicate on the
 * dead-letter topic.
 */
public final class PendingDeadLetters {

  private static final Logger log = LoggerFactory.getLogger(PendingDeadLetters.class);

  /** What the task does when a write is confirmed, or when it stops caring about one. */
  public interface Listener {
    /**
     * The dead-letter topic has the record: its offset may be committed. {@code type} is its reason
     * type.
     */
    void confirmed(BulkItem hold, String type);

    /**
     * The record's partition was revoked: the write is no longer watched and its offset no longer
     * held.
     */
    void abandoned(BulkItem hold);

    /**
     * A write is made again after a failure or a refusal. If the first attempt did reach the topic
     * after all (see the class comment), the record is there twice.
     */
    void retrying();
  }

  private static final class Write {
    final SinkRecord record;
    final TopicPartition partition;
    final long offset;
    final String stage;
    final String type;
    final String reason;
    final String index;
    final int status;
    final BulkItem hold;
    Future<Void> future;
    int attempts;
    long firstFailureMs = -1;
    long notBeforeMs = -1;

    Write(
        SinkRecord record,
        TopicPartition partition,
        long offset,
        String stage,
        String type,
        String reason,
        String index,
        int status,
        BulkItem hold) {
      this.record = record;
      this.partition = partition;
      this.offset = offset;
      this.stage = stage;
      this.type = type;
      this.reason = reason;
      this.index = index;
      this.status = status;
      this.hold = hold;
    }
  }

  private final DeadLetters deadLetters;
  private final DeadLetterRetry retry;
  private final Clock clock;
  private final Listener listener;
  private final List<Write> writes = new ArrayList<>();
  private ConnectException fatal;
  private long confirmed;
  private long retried;

  public PendingDeadLetters(
      DeadLetters deadLetters, DeadLetterRetry retry, Clock clock, Listener listener) {
    this.deadLetters = deadLetters;
    this.retry = retry;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Starts the dead-letter write of {@code record}, whose original coordinates are {@code
   * partition}/{@code offset} and whose offset {@code hold} keeps uncommitted until it is
   * confirmed.
   */
  public void submit(
      SinkRecord record,
      TopicPartition partition,
      long offset,
      String stage,
      String type,
      String reason,
      String index,
      int status,
      BulkItem hold) {
    Write w = new Write(record, partition, offset, stage, type, reason, index, status, hold);
    send(w);
    writes.add(w);
  }

  private void send(Write w) {
    w.attempts++;
    w.notBeforeMs = -1;
    Future<Void> future =
        deadLetters.report(w.record, w.stage, w.type, w.reason, w.index, w.status);
    if (refusedAtOnce(future)) {
      future = CompletableFuture.failedFuture(new DeadLetterRetry.RefusedAtOnce());
    }
    w.future = future;
  }

  /**
   * Settles the writes that are done: confirmed ones release their offset, failed ones are
   * scheduled again or stop the task (see {@link #throwIfFailed}); writes whose backoff has passed
   * are sent again. Never waits for a write.
   */
  public void check() {
    if (writes.isEmpty() || fatal != null) {
      return;
    }
    long now = clock.millis();
    for (Iterator<Write> it = writes.iterator(); it.hasNext(); ) {
      Write w = it.next();
      if (w.notBeforeMs >= 0) {
        if (now >= w.notBeforeMs) {
          retried++;
          listener.retrying();
          send(w);
        }
        continue;
      }
      if (!w.future.isDone()) {
        continue;
      }
      Throwable failure = failureOf(w.future);
      if (failure == null) {
        it.remove();
        confirmed++;
        listener.confirmed(w.hold, w.type);
        continue;
      }
      if (w.firstFailureMs < 0) {
        w.firstFailureMs = now;
      }
      DeadLetterRetry.Decision decision =
          retry.afterFailure(
              new DeadLetterRetry.Failure(
                  w.partition,
                  w.offset,
                  Utf8.sizeOf(w.record.value()),
                  w.attempts,
                  w.firstFailureMs,
                  failure),
              now);
      if (decision instanceof DeadLetterRetry.Retry r) {
        w.notBeforeMs = r.notBeforeMs();
        log.warn(
            "Writing {} offset {} to the dead-letter topic failed (attempt {}: {}); trying again in"
                + " {} ms",
            w.partition,
            w.offset,
            w.attempts,
            describe(failure),
            r.notBeforeMs() - now);
      } else if (decision instanceof DeadLetterRetry.GiveUp g) {
        fatal = new ConnectException(g.message());
        log.error("Stopping: {}", g.message());
        return;
      }
    }
  }

  /**
   * Throws once a write has failed for good; the task then goes FAILED with nothing past the record
   * committed.
   */
  public void throwIfFailed() {
    if (fatal != null) {
      throw fatal;
    }
  }

  /** Stops watching the writes of revoked partitions; their new owner reads those records again. */
  public void closePartitions(Collection<TopicPartition> partitions) {
    for (Iterator<Write> it = writes.iterator(); it.hasNext(); ) {
      Write w = it.next();
      if (partitions.contains(w.partition)) {
        it.remove();
        listener.abandoned(w.hold);
      }
    }
  }

  /** Writes started and neither confirmed nor given up. */
  public int size() {
    return writes.size();
  }

  /** Records the dead-letter topic confirmed. */
  public long confirmedCount() {
    return confirmed;
  }

  /** Writes made again after a failure. */
  public long retriedCount() {
    return retried;
  }

  /**
   * Whether the worker answered with a success it made itself, because no write was left in flight:
   * a {@link CompletableFuture} completed normally. A write in flight comes back as the worker's
   * view over the producer's futures, which is no {@code CompletableFuture}; that one may well be
   * done by the time the task looks (the broker acknowledged while the worker still logged the
   * error), and then it is a real confirmation.
   */
  static boolean refusedAtOnce(Future<Void> future) {
    return future instanceof CompletableFuture<Void> made
        && made.isDone()
        && !made.isCompletedExceptionally();
  }

  /** The failure of a done future, or null if it succeeded. */
  private static Throwable failureOf(Future<Void> future) {
    try {
      future.get(); // done: does not block
      return null;
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (RuntimeException e) { // e.g. CancellationException
      return e;
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof DeadLetterRetry.RefusedAtOnce) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
