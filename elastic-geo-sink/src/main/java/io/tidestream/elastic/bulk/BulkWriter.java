package io.tidestream.elastic.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.elastic.retry.Decision;
import io.tidestream.elastic.retry.EngineHealth;
import io.tidestream.elastic.retry.ErrorTypeActions;
import io.tidestream.elastic.retry.ItemRetryPolicy;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator of the sink's bulk path: documents go into a {@link BulkBuffer} (bounded in bytes
 * and records, with the per-partition offsets), a {@link BulkSender} sends them in batches (bounded
 * by count and bytes, with a linger time and an in-flight limit), the {@link ResponseClassifier}
 * says what each answer means, and this class acts on that {@link Decision}: per item ({@link
 * ItemOutcomes}) complete it, schedule its retry ({@link ItemRetryPolicy}), hand it to the task for
 * the dead-letter topic; or resend the whole request while the engine is down ({@link
 * EngineHealth}), or fail the task. Offsets become committable only when every earlier record of
 * the partition is done.
 *
 * <p>The retry budget bounds how long the engine may keep refusing one item while it answers. An
 * outage (the engine does not answer, or answers 429/5xx for whole requests) never fails the task:
 * the writer waits for as long as it takes, with capped backoff, and the time spent waiting does
 * not count against any item's budget.
 *
 * <p>A request that gets neither an answer nor an error within {@link
 * BulkSettings#answerDeadline()} (longer than the HTTP client's own timeouts allow) is given up:
 * the sender restarts the transport, whose client is then presumed wedged, and resends the request.
 * A callback that comes after that is ignored, so every request is settled exactly once.
 *
 * <p>Thread model: the task thread calls {@link #add}, {@link #drainFailures}, {@link
 * #committableOffsets}; the sender's thread (or a test) calls {@link #pump}; transport callbacks
 * run on the HTTP client's threads. All state, the buffer's and the sender's included, is guarded
 * by {@code this}.
 */
public final class BulkWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

  private final BulkBuffer buffer;
  private final BulkSender sender;
  private final ItemOutcomes items;
  private final EngineHealth health;
  private final Clock clock;

  private boolean closed;
  private ConnectException fatal;

  private long requestRetries;

  private volatile BulkObserver observer = BulkObserver.NONE;

  public BulkWriter(
      BulkSettings settings,
      BulkTransport transport,
      ErrorTypeActions actions,
      ExponentialBackoff backoff,
      Clock clock,
      JsonFactory json) {
    this.buffer = new BulkBuffer(settings);
    this.items =
        new ItemOutcomes(
            buffer, new ItemRetryPolicy(settings.budget(), backoff), clock, this::failTask);
    this.health = new EngineHealth(backoff);
    this.clock = clock;
    this.sender =
        new BulkSender(
            this,
            settings,
            buffer,
            health,
            new ResponseClassifier(actions, json),
            transport,
            clock);
  }

  /** Reports to {@code observer} from now on. */
  public void observe(BulkObserver observer) {
    this.observer = observer == null ? BulkObserver.NONE : observer;
  }

  // ------------------------------------------------------------------ task thread

  /**
   * Queues a bulk action for {@code record}, whose original coordinates are {@code tp}/{@code
   * offset}.
   */
  public synchronized BulkItem add(
      SinkRecord record, TopicPartition tp, long offset, String index, String id, byte[] bytes) {
    BulkItem item = buffer.add(record, tp, offset, index, id, bytes, clock.millis());
    if (buffer.worthWaking()) {
      notifyAll(); // the sender sleeps until the first item's linger time or a full batch
    }
    return item;
  }

  /**
   * Tracks a record that goes to the dead-letter topic instead of the engine: its offset, and every
   * later one of its partition, stay uncommitted until {@link #reported} says the dead-letter topic
   * has it. It counts as a held record (it keeps its Kafka record), so a dead-letter topic that
   * does not keep up pauses the partitions like a slow engine does.
   */
  public synchronized BulkItem hold(SinkRecord record, TopicPartition tp, long offset) {
    return buffer.hold(record, tp, offset);
  }

  /**
   * Records that a record finished without reaching the engine or the dead-letter topic (dropped,
   * skipped).
   */
  public synchronized void finishedWithoutItem(TopicPartition tp, long offset) {
    buffer.finishedWithoutItem(tp, offset);
  }

  /**
   * Items rejected for good since the last call; report each, then call {@link #reported} once the
   * report is confirmed.
   */
  public synchronized List<ItemFailure> drainFailures() {
    return items.drainFailures();
  }

  /**
   * Marks a rejected or {@link #hold held} item done: the dead-letter topic confirmed it, or its
   * partition was revoked and it is no longer this task's to commit.
   */
  public synchronized void reported(BulkItem item) {
    buffer.complete(item);
  }

  /** Throws the failure a background request ran into, if any. */
  public synchronized void throwIfFailed() {
    if (fatal != null) {
      throw fatal;
    }
  }

  /**
   * Offsets to commit: per partition, the oldest unacknowledged offset (or one past the newest).
   */
  public synchronized Map<TopicPartition, Long> committableOffsets() {
    return buffer.committableOffsets();
  }

  /** Forgets partitions taken away by a rebalance; their queued items are never sent. */
  public synchronized void closePartitions(Collection<TopicPartition> closing) {
    buffer.closePartitions(closing);
  }

  /** Sends what is queued without waiting for the linger time. */
  public synchronized void flushSoon() {
    if (buffer.requestFlush()) {
      notifyAll();
    }
  }

  /** True when the buffer is full or the engine is down: the task should pause its partitions. */
  public synchronized boolean shouldPause() {
    return buffer.full() || health.isDown();
  }

  /**
   * True when the buffer has drained below half and the engine answers: paused partitions may
   * resume.
   */
  public synchronized boolean mayResume() {
    return buffer.drained() && !health.isDown();
  }

  public synchronized long bufferedBytes() {
    return buffer.bufferedBytes();
  }

  /** Records held: queued, in flight, retrying or waiting for their dead-letter report. */
  public synchronized int bufferedRecords() {
    return buffer.bufferedRecords();
  }

  public boolean engineDown() {
    return health.isDown();
  }

  /**
   * Whole seconds since the engine stopped answering, or 0 while it answers. Lock-free, for
   * metrics.
   */
  public long engineDownSeconds() {
    return health.downSeconds(clock.millis());
  }

  public synchronized int inFlight() {
    return sender.inFlight();
  }

  public synchronized long acknowledgedCount() {
    return items.acknowledgedCount();
  }

  public synchronized long itemRetryCount() {
    return items.retryCount();
  }

  public synchronized long requestRetryCount() {
    return requestRetries;
  }

  public synchronized long requestsSent() {
    return sender.requestsSent();
  }

  /** Requests given up because neither an answer nor an error came within the answer deadline. */
  public synchronized long abandonedRequestCount() {
    return sender.abandonedCount();
  }

  /** Retries dropped because a newer version of the same document arrived. */
  public synchronized long supersededCount() {
    return buffer.supersededCount();
  }

  /** True when nothing is queued, retrying or in flight. */
  public synchronized boolean idle() {
    return buffer.isEmpty() && sender.inFlight() == 0;
  }

  // ------------------------------------------------------------------ sending (see BulkSender)

  /** Sets work to run (and retry while the engine is down) before any bulk request is sent. */
  public synchronized void preflight(Preflight work) {
    sender.preflight(work);
  }

  /** Starts a background thread that calls {@link #pump} whenever a batch may be due. */
  public void start(String threadName) {
    sender.start(threadName);
  }

  /**
   * Sends every batch that is due, up to the in-flight limit. Returns the number of requests sent.
   */
  public int pump() {
    return sender.pump();
  }

  /**
   * Runs the preflight now if it is still due and its backoff has passed (tests: with a fake
   * clock).
   */
  boolean tryPreflight() {
    return sender.tryPreflight();
  }

  synchronized boolean closed() {
    return closed;
  }

  /** Closed or failed: the sender stops. */
  synchronized boolean stopped() {
    return closed || fatal != null;
  }

  void requestCompleted(long nanos) {
    observer.requestCompleted(nanos);
  }

  // ------------------------------------------------------------------ acting on decisions

  /** Acts on what the classifier decided about a request that was answered, failed or given up. */
  synchronized void settle(List<BulkItem> batch, Decision decision) {
    sender.settled();
    if (decision instanceof Decision.PerItem perItem) {
      engineUp(batch);
      items.apply(batch, perItem.items(), observer);
    } else if (decision instanceof Decision.EngineDown down) {
      requeue(batch, down.cause());
    } else if (decision instanceof Decision.SendAlone) {
      engineUp(batch);
      // Too large as a whole: resend every item on its own; only a document that is too large by
      // itself fails.
      buffer.requeueAlone(batch);
    } else if (decision instanceof Decision.TooLarge tooLarge) {
      engineUp(batch);
      items.deadLetter(batch.get(0), tooLarge.item());
    } else if (decision instanceof Decision.Fail fail) {
      failTask(new ConnectException(fail.message()));
    }
    notifyAll();
  }

  /**
   * Puts a whole batch back at the front of the queue, in order, and gates requests with backoff.
   */
  private void requeue(List<BulkItem> batch, String cause) {
    if (closed) {
      return; // stopping: the requests were cancelled; nothing past them was committed
    }
    engineDown(cause);
    requestRetries++;
    observer.requestRetried();
    buffer.requeue(batch);
  }

  /** The engine answered a probe or the start-up work. */
  synchronized void engineAnswered() {
    engineUp(List.of());
    notifyAll();
  }

  /** A probe or the start-up work could not reach the engine. */
  synchronized void engineUnreachable(String cause) {
    engineDown(cause);
  }

  /**
   * Notes a failed attempt to reach the engine and gates the next one with capped backoff. There is
   * no deadline: an outage only pauses the partitions. Caller holds the lock.
   */
  private void engineDown(String cause) {
    long now = clock.millis();
    EngineHealth.Report report = health.down(cause, now);
    if (report == EngineHealth.Report.WENT_DOWN) {
      log.warn(
          "Engine unavailable ({}); pausing partitions and retrying until it answers (check"
              + " connection.urls if it never does)",
          cause);
    } else if (report == EngineHealth.Report.STILL_DOWN) {
      log.warn(
          "Engine still unavailable after {} s ({}); {} request(s) failed in a row, retrying until"
              + " it answers",
          health.downSeconds(now),
          cause,
          health.failures());
    }
    notifyAll();
  }

  /**
   * The engine answered; {@code answered} are the items of the request it answered, if any. Moves
   * the start of every item's failure streak forward by the outage: the budget counts only the time
   * the engine spent refusing the item while it answered. Caller holds the lock.
   */
  private void engineUp(List<BulkItem> answered) {
    long outage = health.up(clock.millis());
    if (outage < 0) {
      return;
    }
    log.info("Engine answers again after {} ms", outage);
    items.excuseOutage(outage, answered, sender);
  }

  /** Start-up work failed in a way retrying cannot help. */
  synchronized void fail(ConnectException e) {
    failTask(e);
    notifyAll();
  }

  /** The sender thread ran into a bug. */
  synchronized void senderDied(RuntimeException e) {
    if (fatal == null) {
      fatal = new ConnectException("Bulk sender stopped unexpectedly: " + e, e);
    }
  }

  private void failTask(ConnectException e) {
    if (fatal == null) {
      fatal = e;
      log.error("Bulk writer failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    sender.stop();
  }
}
