package io.tidestream.elastic.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.common.retry.RetryBudget;
import io.tidestream.elastic.retry.Decision;
import io.tidestream.elastic.retry.EngineHealth;
import io.tidestream.elastic.retry.ErrorTypeActions;
import io.tidestream.elastic.retry.ItemRetryPolicy;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches bulk actions by count and bytes with a linger time, keeps several requests in flight,
 * bounds its buffer in bytes, and handles every response item by its exact {@code error.type}:
 * transient items are resent alone with jittered exponential backoff, permanent ones wait for the
 * task to dead-letter them, and whole-request failures (connection errors, 5xx, 429) resend the
 * request while the engine is treated as down. Offsets become committable only when every earlier
 * document of the partition is acknowledged.
 *
 * <p>The retry budget bounds how long the engine may keep refusing one item while it answers. An
 * outage (the engine does not answer, or answers 429/5xx for whole requests) never fails the task:
 * the writer waits for as long as it takes, with capped backoff, and the time spent waiting does
 * not count against any item's budget.
 *
 * <p>A request that gets neither an answer nor an error within {@link Settings#answerDeadline()}
 * (longer than the HTTP client's own timeouts allow) is given up: the writer restarts the
 * transport, whose client is then presumed wedged, and resends the request. A callback that comes
 * after that is ignored, so every request is settled exactly once.
 *
 * <p>Thread model: the task thread calls {@link #add}, {@link #drainFailures}, {@link
 * #committableOffsets}; a driver thread (or a test) calls {@link #pump}; transport callbacks run
 * on the HTTP client's threads. All state is guarded by {@code this}.
 */
public final class BulkWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

  /** How long the sender sleeps with nothing to do; every state change wakes it earlier. */
  static final long IDLE_WAIT_MS = 60_000;

  /** The document of an item that only holds its record's offset (a dead-letter write under way). */
  private static final byte[] NO_BYTES = new byte[0];

  /** How long a request may go unanswered when the settings do not say: beyond the default HTTP timeouts. */
  public static final Duration DEFAULT_ANSWER_DEADLINE = Duration.ofMinutes(3);

  /**
   * Limits and timings, already validated. The buffer is bounded in document bytes and in records
   * (each item keeps its Kafka record too). {@code answerDeadline} is how long a request may go
   * without any callback before it is given up and resent on a fresh connection.
   */
  public record Settings(int maxActions, long maxBytes, Duration linger, int maxInFlight, long maxBufferBytes,
      int maxBufferRecords, RetryBudget budget, Duration answerDeadline) {

    /** Bounded in bytes only, with the {@link #DEFAULT_ANSWER_DEADLINE default answer deadline}. */
    public Settings(int maxActions, long maxBytes, Duration linger, int maxInFlight, long maxBufferBytes,
        RetryBudget budget) {
      this(maxActions, maxBytes, linger, maxInFlight, maxBufferBytes, Integer.MAX_VALUE, budget,
          DEFAULT_ANSWER_DEADLINE);
    }
  }

  private final Settings settings;
  private final BulkTransport transport;
  private final ResponseClassifier classifier;
  private final ItemRetryPolicy retryPolicy;
  private final EngineHealth health;
  private final Clock clock;

  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
  private final ArrayDeque<BulkItem> ready = new ArrayDeque<>();
  private final PriorityQueue<BulkItem> retrying =
      new PriorityQueue<>((a, b) -> Long.compare(a.notBeforeMs, b.notBeforeMs));
  private final List<ItemFailure> failures = new ArrayList<>();
  /** Items waiting for a retry, by index and id: a newer version of the same document replaces them. */
  private final Map<String, BulkItem> retryingByKey = new HashMap<>();
  /** Requests sent and not yet settled, oldest first. */
  private final List<BatchListener> outstanding = new ArrayList<>();

  private long readyBytes;
  private long bufferedBytes;
  private int bufferedRecords;
  private int inFlight;
  private boolean flushRequested;
  private boolean closed;
  private ConnectException fatal;

  private long acknowledged;
  private long itemRetries;
  private long requestRetries;
  private long requestsSent;
  private long superseded;
  private long abandoned;

  private Thread driver;
  private volatile Observer observer = Observer.NONE;
  private Preflight preflight;
  private boolean preflightDone = true;

  /** Work that must succeed before the first bulk request (engine detection, template install). */
  @FunctionalInterface
  public interface Preflight {
    /**
     * @throws IOException when the engine cannot be reached: retried with capped backoff until it answers
     * @throws ConnectException when retrying cannot help: the task fails with its message
     */
    void run() throws IOException;
  }

  /** What the writer reports to the task's metrics. Called on the writer's threads, under its lock: keep it quick. */
  public interface Observer {
    Observer NONE = new Observer() {};

    /** A bulk request was answered (any status) or failed, {@code nanos} after it was sent. */
    default void requestCompleted(long nanos) {}

    /** The engine acknowledged {@code documents} items of one request. */
    default void acknowledged(int documents) {}

    /** The engine refused one item with {@code errorType} (or {@code http_<status>}), whatever happens next. */
    default void itemFailed(String errorType) {}

    /** One refused item was scheduled for another attempt. */
    default void itemRetried() {}

    /** One refused item was dropped on purpose: {@code errors.type.actions} says ignore for its {@code errorType}. */
    default void itemIgnored(String errorType) {}

    /** A whole request is resent (connection error, 429 or 5xx for the request). */
    default void requestRetried() {}
  }

  public BulkWriter(Settings settings, BulkTransport transport, ErrorTypeActions actions,
      ExponentialBackoff backoff, Clock clock, JsonFactory json) {
    this.settings = settings;
    this.transport = transport;
    this.classifier = new ResponseClassifier(actions, json);
    this.retryPolicy = new ItemRetryPolicy(settings.budget(), backoff);
    this.health = new EngineHealth(backoff);
    this.clock = clock;
  }

  /** Reports to {@code observer} from now on. */
  public void observe(Observer observer) {
    this.observer = observer == null ? Observer.NONE : observer;
  }

  // ------------------------------------------------------------------ task thread

  /** Queues a bulk action for {@code record}, whose original coordinates are {@code tp}/{@code offset}. */
  public synchronized BulkItem add(SinkRecord record, TopicPartition tp, long offset, String index, String id, byte[] bytes) {
    PartitionOffsets p = partitions.computeIfAbsent(tp, PartitionOffsets::new);
    p.closed = false;
    if (id != null && !retryingByKey.isEmpty()) {
      // A document waiting for a retry must not overwrite this newer version of itself later.
      BulkItem older = retryingByKey.remove(key(index, id));
      if (older != null) {
        superseded++;
        complete(older);
      }
    }
    BulkItem item = new BulkItem(record, p, offset, index, id, bytes);
    item.enqueuedMs = clock.millis();
    p.track(item);
    ready.addLast(item);
    readyBytes += bytes.length;
    bufferedBytes += bytes.length;
    bufferedRecords++;
    if (ready.size() == 1 || readyBytes >= settings.maxBytes() || ready.size() >= settings.maxActions()
        || bufferFull()) {
      notifyAll(); // the sender sleeps until the first item's linger time or a full batch
    }
    return item;
  }

  /**
   * Tracks a record that goes to the dead-letter topic instead of the engine: its offset, and every
   * later one of its partition, stay uncommitted until {@link #reported} says the dead-letter topic
   * has it. It counts as a held record (it keeps its Kafka record), so a dead-letter topic that does
   * not keep up pauses the partitions like a slow engine does.
   */
  public synchronized BulkItem hold(SinkRecord record, TopicPartition tp, long offset) {
    PartitionOffsets p = partitions.computeIfAbsent(tp, PartitionOffsets::new);
    p.closed = false;
    BulkItem item = new BulkItem(record, p, offset, null, null, NO_BYTES);
    p.track(item);
    bufferedRecords++;
    return item;
  }

  /** Records that a record finished without reaching the engine or the dead-letter topic (dropped, skipped). */
  public synchronized void finishedWithoutItem(TopicPartition tp, long offset) {
    PartitionOffsets p = partitions.computeIfAbsent(tp, PartitionOffsets::new);
    p.closed = false;
    p.finishedWithoutItem(offset);
  }

  /** Items rejected for good since the last call; report each, then call {@link #reported} once the report is confirmed. */
  public synchronized List<ItemFailure> drainFailures() {
    if (failures.isEmpty()) {
      return List.of();
    }
    List<ItemFailure> drained = new ArrayList<>(failures.size());
    for (ItemFailure f : failures) {
      if (f.item().partition.closed) {
        release(f.item()); // revoked: the new owner reads the record again
      } else {
        drained.add(f);
      }
    }
    failures.clear();
    return drained;
  }

  /**
   * Marks a rejected or {@link #hold held} item done: the dead-letter topic confirmed it, or its
   * partition was revoked and it is no longer this task's to commit.
   */
  public synchronized void reported(BulkItem item) {
    complete(item);
  }

  /** Throws the failure a background request ran into, if any. */
  public synchronized void throwIfFailed() {
    if (fatal != null) {
      throw fatal;
    }
  }

  /** Offsets to commit: per partition, the oldest unacknowledged offset (or one past the newest). */
  public synchronized Map<TopicPartition, Long> committableOffsets() {
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
  public synchronized void closePartitions(Collection<TopicPartition> closing) {
    for (TopicPartition tp : closing) {
      PartitionOffsets p = partitions.remove(tp);
      if (p != null) {
        p.closed = true;
      }
    }
    dropClosed(ready);
    List<BulkItem> keep = new ArrayList<>();
    for (BulkItem item : retrying) {
      if (item.partition.closed) {
        release(item);
      } else {
        keep.add(item);
      }
    }
    retrying.clear();
    retrying.addAll(keep);
    retryingByKey.values().removeIf(item -> item.partition.closed);
  }

  /** Sends what is queued without waiting for the linger time. */
  public synchronized void flushSoon() {
    if (!ready.isEmpty()) {
      flushRequested = true;
      notifyAll();
    }
  }

  /** True when the buffer is full or the engine is down: the task should pause its partitions. */
  public synchronized boolean shouldPause() {
    return bufferFull() || health.isDown();
  }

  /** True when the buffer has drained below half and the engine answers: paused partitions may resume. */
  public synchronized boolean mayResume() {
    return bufferedBytes <= settings.maxBufferBytes() / 2 && bufferedRecords <= settings.maxBufferRecords() / 2
        && !health.isDown();
  }

  /** Either bound reached. Caller holds the lock. */
  private boolean bufferFull() {
    return bufferedBytes >= settings.maxBufferBytes() || bufferedRecords >= settings.maxBufferRecords();
  }

  public synchronized long bufferedBytes() {
    return bufferedBytes;
  }

  /** Records held: queued, in flight, retrying or waiting for their dead-letter report. */
  public synchronized int bufferedRecords() {
    return bufferedRecords;
  }

  public boolean engineDown() {
    return health.isDown();
  }

  /** Whole seconds since the engine stopped answering, or 0 while it answers. Lock-free, for metrics. */
  public long engineDownSeconds() {
    return health.downSeconds(clock.millis());
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized long acknowledgedCount() {
    return acknowledged;
  }

  public synchronized long itemRetryCount() {
    return itemRetries;
  }

  public synchronized long requestRetryCount() {
    return requestRetries;
  }

  public synchronized long requestsSent() {
    return requestsSent;
  }

  /** Requests given up because neither an answer nor an error came within the answer deadline. */
  public synchronized long abandonedRequestCount() {
    return abandoned;
  }

  /** Retries dropped because a newer version of the same document arrived. */
  public synchronized long supersededCount() {
    return superseded;
  }

  /** True when nothing is queued, retrying or in flight. */
  public synchronized boolean idle() {
    return ready.isEmpty() && retrying.isEmpty() && inFlight == 0;
  }

  // ------------------------------------------------------------------ sending

  /** Sets work to run (and retry while the engine is down) before any bulk request is sent. */
  public synchronized void preflight(Preflight work) {
    this.preflight = work;
    this.preflightDone = work == null;
  }

  /** Starts a background thread that calls {@link #pump} whenever a batch may be due. */
  public synchronized void start(String threadName) {
    if (driver != null) {
      return;
    }
    driver = new Thread(this::drive, threadName);
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    while (true) {
      if (!runPreflight()) {
        return;
      }
      synchronized (this) {
        if (closed) {
          return;
        }
        long wait = waitMillis(clock.millis());
        if (wait > 0) {
          try {
            wait(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          continue;
        }
      }
      try {
        pump();
      } catch (RuntimeException e) {
        synchronized (this) {
          if (fatal == null) {
            fatal = new ConnectException("Bulk sender stopped unexpectedly: " + e, e);
          }
        }
        log.error("Bulk sender stopped unexpectedly", e);
        return;
      }
    }
  }

  /** Runs the preflight if still due, waiting out its backoff; false when the writer is closed or failed. */
  private boolean runPreflight() {
    synchronized (this) {
      if (closed || fatal != null) {
        return !closed && fatal == null;
      }
      if (preflightDone) {
        return true;
      }
      long now = clock.millis();
      if (now < health.notBeforeMs()) {
        try {
          wait(health.notBeforeMs() - now);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        return !closed;
      }
    }
    tryPreflight();
    synchronized (this) {
      return !closed && fatal == null;
    }
  }

  /**
   * Runs the preflight now if it is still due and its backoff has passed; the driver calls it in a
   * loop, tests call it with a fake clock. True once the preflight has succeeded.
   */
  boolean tryPreflight() {
    Preflight work;
    synchronized (this) {
      if (preflightDone) {
        return true;
      }
      if (closed || fatal != null || clock.millis() < health.notBeforeMs()) {
        return false;
      }
      work = preflight;
    }
    try {
      work.run();
      synchronized (this) {
        preflightDone = true;
        engineUp();
        notifyAll();
      }
      return true;
    } catch (IOException e) {
      synchronized (this) {
        engineDown(ResponseClassifier.failed(e).cause());
      }
      return false;
    } catch (RuntimeException e) {
      synchronized (this) {
        failTask(e instanceof ConnectException ce ? ce : new ConnectException("Start-up against the engine failed: " + e, e));
        notifyAll();
      }
      return false;
    }
  }

  /**
   * True when the engine is down and nothing is queued, retrying or in flight: no request will
   * find out that it is back (the task has paused its partitions, and a rebalance may have taken
   * away what was queued), so the writer asks the engine itself. Caller holds the lock.
   */
  private boolean probeDue(long now) {
    return health.probeDue(now) && preflightDone && !closed && inFlight == 0 && ready.isEmpty()
        && retrying.isEmpty();
  }

  /** Milliseconds until a batch may be due; 0 when one is due now. Caller holds the lock. */
  private long waitMillis(long now) {
    long overdueIn = outstanding.isEmpty() ? Long.MAX_VALUE : Math.max(0, outstanding.get(0).deadlineMs - now);
    if (overdueIn == 0) {
      return 0; // a request is overdue: pump() gives it up
    }
    if (inFlight >= settings.maxInFlight()) {
      return Math.min(IDLE_WAIT_MS, overdueIn); // a response wakes the sender
    }
    long gate = Math.max(0, health.notBeforeMs() - now);
    long next = Long.MAX_VALUE;
    if (!ready.isEmpty()) {
      boolean full = ready.size() >= settings.maxActions() || readyBytes >= settings.maxBytes() || bufferFull();
      next = full || flushRequested ? 0 : Math.max(0, ready.peekFirst().enqueuedMs + settings.linger().toMillis() - now);
    }
    if (!retrying.isEmpty()) {
      next = Math.min(next, Math.max(0, retrying.peek().notBeforeMs - now));
    }
    if (next == Long.MAX_VALUE) {
      if (health.isDown() && inFlight == 0) {
        return Math.min(overdueIn, gate); // time to probe the engine
      }
      return Math.min(overdueIn, Math.max(gate, IDLE_WAIT_MS)); // add() wakes the sender
    }
    return Math.min(overdueIn, Math.max(gate, next));
  }

  /** Sends every batch that is due, up to the in-flight limit. Returns the number of requests sent. */
  public int pump() {
    abandonOverdue();
    probeIfIdleWhileDown();
    List<BatchListener> requests = new ArrayList<>();
    synchronized (this) {
      long now = clock.millis();
      while (!closed && preflightDone && inFlight < settings.maxInFlight() && now >= health.notBeforeMs()) {
        List<BulkItem> batch = nextBatch(now);
        if (batch == null) {
          break;
        }
        inFlight++;
        requestsSent++;
        BatchListener request = new BatchListener(batch, now + settings.answerDeadline().toMillis());
        outstanding.add(request);
        requests.add(request);
      }
      if (ready.isEmpty()) {
        flushRequested = false;
      }
    }
    for (BatchListener request : requests) {
      send(request);
    }
    return requests.size();
  }

  /** Asks the engine whether it answers again when no request would tell (see {@link #probeDue}). */
  private void probeIfIdleWhileDown() {
    synchronized (this) {
      if (!probeDue(clock.millis())) {
        return;
      }
    }
    try {
      transport.probe();
      synchronized (this) {
        engineUp();
        notifyAll();
      }
    } catch (IOException e) {
      synchronized (this) {
        engineDown(ResponseClassifier.failed(e).cause());
      }
    }
  }

  /**
   * Gives up the requests that got no callback within the answer deadline: the HTTP client is
   * restarted (outside the lock: closing it may run callbacks that take it) and their batches are
   * queued again, as after a connection error.
   */
  private void abandonOverdue() {
    List<BatchListener> overdue = new ArrayList<>();
    synchronized (this) {
      long now = clock.millis();
      while (!outstanding.isEmpty() && outstanding.get(0).deadlineMs <= now) {
        overdue.add(outstanding.remove(0));
      }
      if (overdue.isEmpty()) {
        return;
      }
      abandoned += overdue.size();
      log.warn("{} bulk request(s) got neither an answer nor an error within {} ms; restarting the HTTP client and "
          + "sending them again", overdue.size(), settings.answerDeadline().toMillis());
    }
    transport.reset();
    // Newest first: each batch goes back to the front of the queue, so the oldest ends up first again.
    for (int i = overdue.size() - 1; i >= 0; i--) {
      onRequestFailure(overdue.get(i).batch,
          ResponseClassifier.unanswered(settings.answerDeadline().toMillis()).cause());
    }
  }

  private List<BulkItem> nextBatch(long now) {
    dropClosed(ready);
    boolean retryDue = !retrying.isEmpty() && retrying.peek().notBeforeMs <= now;
    boolean readyDue = !ready.isEmpty()
        && (flushRequested || ready.size() >= settings.maxActions() || readyBytes >= settings.maxBytes()
            || bufferFull() // a full buffer does not wait for the linger time
            || now - ready.peekFirst().enqueuedMs >= settings.linger().toMillis());
    if (!retryDue && !readyDue) {
      return null;
    }
    List<BulkItem> batch = new ArrayList<>();
    long bytes = 0;
    while (!retrying.isEmpty() && retrying.peek().notBeforeMs <= now && batch.size() < settings.maxActions()) {
      BulkItem item = retrying.peek();
      if (item.partition.closed || item.done) {
        retrying.poll();
        release(item);
        continue;
      }
      if (!batch.isEmpty() && (item.sendAlone || bytes + item.size > settings.maxBytes())) {
        break;
      }
      retrying.poll();
      if (item.id != null) {
        retryingByKey.remove(key(item.index, item.id), item);
      }
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

  private void send(BatchListener request) {
    List<BulkItem> batch = request.batch;
    int size = 0;
    for (BulkItem item : batch) {
      size += item.size;
    }
    byte[] body = new byte[size];
    int pos = 0;
    for (BulkItem item : batch) {
      System.arraycopy(item.bytes, 0, body, pos, item.size);
      pos += item.size;
    }
    if (log.isDebugEnabled()) {
      log.debug("Sending bulk request with {} actions, {} bytes", batch.size(), size);
    }
    try {
      transport.send(body, request);
    } catch (RuntimeException e) {
      if (settle(request)) {
        onRequestFailure(batch, ResponseClassifier.cannotSend(e).cause());
      }
    }
  }

  /** True the first time a request is settled (answered, failed or given up); later callbacks are ignored. */
  private synchronized boolean settle(BatchListener request) {
    return outstanding.remove(request);
  }

  private final class BatchListener implements BulkTransport.Listener {
    private final List<BulkItem> batch;
    private final long deadlineMs;
    private final long sentNanos = System.nanoTime();

    BatchListener(List<BulkItem> batch, long deadlineMs) {
      this.batch = batch;
      this.deadlineMs = deadlineMs;
    }

    @Override
    public void onResponse(int status, byte[] body) {
      if (!settle(this)) {
        return; // given up already and sent again
      }
      observer.requestCompleted(System.nanoTime() - sentNanos);
      long bytes = 0;
      for (BulkItem item : batch) {
        bytes += item.size;
      }
      Decision decision = classifier.answered(batch.size(), bytes, status, body);
      act(batch, decision);
      if (log.isDebugEnabled() && decision instanceof Decision.PerItem) {
        log.debug("Bulk request with {} actions answered with HTTP {} in {} ms", batch.size(), status,
            (System.nanoTime() - sentNanos) / 1_000_000);
      }
    }

    @Override
    public void onFailure(Exception e) {
      if (!settle(this)) {
        return; // given up already and sent again
      }
      observer.requestCompleted(System.nanoTime() - sentNanos);
      act(batch, ResponseClassifier.failed(e));
    }
  }

  // ------------------------------------------------------------------ outcomes

  /** Acts on what the classifier decided about an answered or failed request. */
  private synchronized void act(List<BulkItem> batch, Decision decision) {
    if (decision instanceof Decision.PerItem perItem) {
      onItems(batch, perItem.items());
    } else if (decision instanceof Decision.EngineDown down) {
      requeueBatch(batch, down.cause());
    } else if (decision instanceof Decision.SendAlone) {
      inFlight--;
      engineUp(batch);
      // Too large as a whole: resend every item on its own; only a document that is too large by itself fails.
      for (int i = batch.size() - 1; i >= 0; i--) {
        BulkItem item = batch.get(i);
        item.sendAlone = true;
        ready.addFirst(item);
        readyBytes += item.size;
      }
      flushRequested = true;
      notifyAll();
    } else if (decision instanceof Decision.TooLarge tooLarge) {
      inFlight--;
      engineUp(batch);
      Decision.DeadLetter dl = tooLarge.item();
      failures.add(new ItemFailure(batch.get(0), dl.errorType(), dl.reason(), dl.status()));
      notifyAll();
    } else if (decision instanceof Decision.Fail fail) {
      inFlight--;
      failTask(new ConnectException(fail.message()));
      notifyAll();
    }
  }

  private void onItems(List<BulkItem> batch, List<Decision.Item> decisions) {
    inFlight--;
    long now = clock.millis();
    engineUp(batch);
    int acknowledgedHere = 0;
    for (int i = 0; i < batch.size(); i++) {
      BulkItem item = batch.get(i);
      Decision.Item decision = decisions.get(i);
      if (decision instanceof Decision.Done) {
        acknowledged++;
        acknowledgedHere++;
        complete(item);
        continue;
      }
      observer.itemFailed(decision.failureType());
      if (decision instanceof Decision.Retry retry) {
        retryItem(item, now, retry);
      } else if (decision instanceof Decision.DeadLetter dl) {
        failures.add(new ItemFailure(item, dl.errorType(), dl.reason(), dl.status()));
      } else if (decision instanceof Decision.Ignore ignore) {
        if (log.isDebugEnabled()) {
          log.debug("Ignoring {} for {}-{} offset {} (errors.type.actions)", ignore.failureType(),
              item.partition.partition.topic(), item.partition.partition.partition(), item.offset);
        }
        observer.itemIgnored(ignore.failureType());
        complete(item);
      } else if (decision instanceof Decision.FailTask fail) {
        failTask(new ConnectException(fail.message(item.partition.partition, item.offset, item.index)));
      }
    }
    if (acknowledgedHere > 0) {
      observer.acknowledged(acknowledgedHere);
    }
    notifyAll();
  }

  private void retryItem(BulkItem item, long now, Decision.Retry refusal) {
    ItemRetryPolicy.Next next =
        retryPolicy.next(item.firstFailureMs, item.attempts, now, refusal, item.partition.partition, item.offset);
    if (next instanceof ItemRetryPolicy.GiveUp giveUp) {
      failTask(new ConnectException(giveUp.message()));
      return;
    }
    ItemRetryPolicy.Again again = (ItemRetryPolicy.Again) next;
    item.firstFailureMs = again.firstFailureMs();
    item.attempts = again.attempts();
    item.notBeforeMs = again.notBeforeMs();
    itemRetries++;
    observer.itemRetried();
    scheduleRetry(item);
  }

  private void scheduleRetry(BulkItem item) {
    retrying.add(item);
    if (item.id != null) {
      retryingByKey.put(key(item.index, item.id), item);
    }
  }

  private static String key(String index, String id) {
    return index + '\u0000' + id;
  }

  private synchronized void onRequestFailure(List<BulkItem> batch, String cause) {
    requeueBatch(batch, cause);
  }

  /** Puts a whole batch back at the front of the queue, in order, and gates requests with backoff. */
  private void requeueBatch(List<BulkItem> batch, String cause) {
    inFlight--;
    if (closed) {
      return; // stopping: the requests were cancelled; nothing past them was committed
    }
    engineDown(cause);
    requestRetries++;
    observer.requestRetried();
    for (int i = batch.size() - 1; i >= 0; i--) {
      BulkItem item = batch.get(i);
      if (item.partition.closed) {
        release(item);
        continue;
      }
      if (item.firstFailureMs >= 0 || item.attempts > 0) {
        scheduleRetry(item);
      } else {
        ready.addFirst(item);
        readyBytes += item.size;
      }
    }
    flushRequested = true;
    notifyAll();
  }

  /**
   * Notes a failed attempt to reach the engine and gates the next one with capped backoff. There is
   * no deadline: an outage only pauses the partitions. Caller holds the lock.
   */
  private void engineDown(String cause) {
    long now = clock.millis();
    EngineHealth.Report report = health.down(cause, now);
    if (report == EngineHealth.Report.WENT_DOWN) {
      log.warn("Engine unavailable ({}); pausing partitions and retrying until it answers (check connection.urls "
          + "if it never does)", cause);
    } else if (report == EngineHealth.Report.STILL_DOWN) {
      log.warn("Engine still unavailable after {} s ({}); {} request(s) failed in a row, retrying until it answers",
          health.downSeconds(now), cause, health.failures());
    }
    notifyAll();
  }

  private void engineUp() {
    engineUp(List.of());
  }

  /** The engine answered; {@code answered} are the items of the request it answered, if any. */
  private void engineUp(List<BulkItem> answered) {
    long outage = health.up(clock.millis());
    if (outage >= 0) {
      log.info("Engine answers again after {} ms", outage);
      excuseOutage(outage, answered);
    }
  }

  /**
   * Moves the start of every item's failure streak forward by the outage: the budget counts only
   * the time the engine spent refusing the item while it answered. Caller holds the lock.
   */
  private void excuseOutage(long outageMs, List<BulkItem> answered) {
    List<Iterable<BulkItem>> held = new ArrayList<>(List.of(answered, retrying, ready));
    outstanding.forEach(request -> held.add(request.batch));
    for (Iterable<BulkItem> items : held) {
      for (BulkItem item : items) {
        if (item.firstFailureMs >= 0) {
          item.firstFailureMs += outageMs;
        }
      }
    }
  }

  private void failTask(ConnectException e) {
    if (fatal == null) {
      fatal = e;
      log.error("Bulk writer failed: {}", e.getMessage());
    }
  }

  private void complete(BulkItem item) {
    if (!item.done) {
      item.done = true;
      bufferedBytes -= item.size;
      bufferedRecords--;
      item.partition.finished(item);
      item.record = null; // most of an item's memory; nothing reads them once it is done
      item.bytes = null;
    }
  }

  private void release(BulkItem item) {
    complete(item);
  }

  private void dropClosed(ArrayDeque<BulkItem> queue) {
    while (!queue.isEmpty() && queue.peekFirst().partition.closed) {
      BulkItem item = queue.pollFirst();
      if (queue == ready) {
        readyBytes -= item.size;
      }
      release(item);
    }
  }

  synchronized String engineDownCause() {
    return health.cause();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      notifyAll();
      t = driver;
    }
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
  }
}
