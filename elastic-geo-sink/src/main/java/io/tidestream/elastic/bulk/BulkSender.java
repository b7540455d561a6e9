package io.tidestream.elastic.bulk;

import io.tidestream.elastic.retry.EngineHealth;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of the writer: a background thread that runs the start-up work, takes due
 * batches from the {@link BulkBuffer} up to the in-flight limit while {@link EngineHealth} allows,
 * sends them, gives up requests that get no callback within the answer deadline, probes the engine
 * when nothing else would find out that it is back, and hands every answer to the {@link
 * ResponseClassifier} and the decision to the {@link BulkWriter}.
 *
 * <p>Shares the writer's lock (all its state is guarded by it); sends and probes outside it.
 */
final class BulkSender {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

  /** How long the sender sleeps with nothing to do; every state change wakes it earlier. */
  static final long IDLE_WAIT_MS = 60_000;

  private final BulkWriter writer;
  private final BulkSettings settings;
  private final BulkBuffer buffer;
  private final EngineHealth health;
  private final ResponseClassifier classifier;
  private final BulkTransport transport;
  private final Clock clock;

  /** Requests sent and not yet settled, oldest first. */
  private final List<BulkRequest> outstanding = new ArrayList<>();

  private int inFlight;
  private long requestsSent;
  private long abandoned;

  private Thread driver;
  private Preflight preflight;
  private boolean preflightDone = true;

  BulkSender(
      BulkWriter writer,
      BulkSettings settings,
      BulkBuffer buffer,
      EngineHealth health,
      ResponseClassifier classifier,
      BulkTransport transport,
      Clock clock) {
    this.writer = writer;
    this.settings = settings;
    this.buffer = buffer;
    this.health = health;
    this.classifier = classifier;
    this.transport = transport;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ under the writer's lock

  void preflight(Preflight work) {
    this.preflight = work;
    this.preflightDone = work == null;
  }

  int inFlight() {
    return inFlight;
  }

  long requestsSent() {
    return requestsSent;
  }

  long abandonedCount() {
    return abandoned;
  }

  /** A request was settled (answered, failed or given up): room for another. */
  void settled() {
    inFlight--;
  }

  /**
   * True the first time {@code request} is settled (answered, failed or given up); later callbacks
   * are ignored.
   */
  boolean settleOnce(BulkRequest request) {
    synchronized (writer) {
      return outstanding.remove(request);
    }
  }

  /** Every item of a request still unanswered. */
  void forEachInFlight(Consumer<BulkItem> action) {
    outstanding.forEach(request -> request.batch.forEach(action));
  }

  /**
   * True when the engine is down and nothing is queued, retrying or in flight: no request will find
   * out that it is back (the task has paused its partitions, and a rebalance may have taken away
   * what was queued), so the sender asks the engine itself.
   */
  private boolean probeDue(long now) {
    return health.probeDue(now)
        && preflightDone
        && !writer.closed()
        && inFlight == 0
        && buffer.isEmpty();
  }

  /** Milliseconds until a batch may be due; 0 when one is due now. */
  private long waitMillis(long now) {
    long overdueIn =
        outstanding.isEmpty() ? Long.MAX_VALUE : Math.max(0, outstanding.get(0).deadlineMs - now);
    if (overdueIn == 0) {
      return 0; // a request is overdue: pump() gives it up
    }
    if (inFlight >= settings.maxInFlight()) {
      return Math.min(IDLE_WAIT_MS, overdueIn); // a response wakes the sender
    }
    long gate = Math.max(0, health.notBeforeMs() - now);
    long next = buffer.dueIn(now);
    if (next == Long.MAX_VALUE) {
      if (health.isDown() && inFlight == 0) {
        return Math.min(overdueIn, gate); // time to probe the engine
      }
      return Math.min(overdueIn, Math.max(gate, IDLE_WAIT_MS)); // add() wakes the sender
    }
    return Math.min(overdueIn, Math.max(gate, next));
  }

  // ------------------------------------------------------------------ the sender thread

  /** Starts a background thread that calls {@link #pump} whenever a batch may be due. */
  void start(String threadName) {
    synchronized (writer) {
      if (driver != null) {
        return;
      }
      driver = new Thread(this::drive, threadName);
      driver.setDaemon(true);
      driver.start();
    }
  }

  /**
   * Waits a few seconds for the thread to end (the writer is closed already), then closes the
   * transport.
   */
  void stop() {
    Thread t;
    synchronized (writer) {
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

  private void drive() {
    while (true) {
      if (!runPreflight()) {
        return;
      }
      synchronized (writer) {
        if (writer.closed()) {
          return;
        }
        long wait = waitMillis(clock.millis());
        if (wait > 0) {
          try {
            writer.wait(wait);
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
        writer.senderDied(e);
        log.error("Bulk sender stopped unexpectedly", e);
        return;
      }
    }
  }

  /**
   * Runs the preflight if still due, waiting out its backoff; false when the writer is closed or
   * failed.
   */
  private boolean runPreflight() {
    synchronized (writer) {
      if (writer.stopped()) {
        return false;
      }
      if (preflightDone) {
        return true;
      }
      long now = clock.millis();
      if (now < health.notBeforeMs()) {
        try {
          writer.wait(health.notBeforeMs() - now);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        return !writer.closed();
      }
    }
    tryPreflight();
    synchronized (writer) {
      return !writer.stopped();
    }
  }

  /**
   * Runs the preflight now if it is still due and its backoff has passed. True once it has
   * succeeded.
   */
  boolean tryPreflight() {
    Preflight work;
    synchronized (writer) {
      if (preflightDone) {
        return true;
      }
      if (writer.stopped() || clock.millis() < health.notBeforeMs()) {
        return false;
      }
      work = preflight;
    }
    try {
      work.run();
      synchronized (writer) {
        preflightDone = true;
        writer.engineAnswered();
      }
      return true;
    } catch (IOException e) {
      writer.engineUnreachable(ResponseClassifier.failed(e).cause());
      return false;
    } catch (RuntimeException e) {
      writer.fail(
          e instanceof ConnectException ce
              ? ce
              : new ConnectException("Start-up against the engine failed: " + e, e));
      return false;
    }
  }

  /**
   * Sends every batch that is due, up to the in-flight limit. Returns the number of requests sent.
   */
  int pump() {
    abandonOverdue();
    probeIfIdleWhileDown();
    List<BulkRequest> requests = new ArrayList<>();
    synchronized (writer) {
      long now = clock.millis();
      while (!writer.closed()
          && preflightDone
          && inFlight < settings.maxInFlight()
          && now >= health.notBeforeMs()) {
        List<BulkItem> batch = buffer.nextBatch(now);
        if (batch == null) {
          break;
        }
        inFlight++;
        requestsSent++;
        BulkRequest request =
            new BulkRequest(
                this, writer, classifier, batch, now + settings.answerDeadline().toMillis());
        outstanding.add(request);
        requests.add(request);
      }
      buffer.sent();
    }
    for (BulkRequest request : requests) {
      send(request);
    }
    return requests.size();
  }

  /**
   * Asks the engine whether it answers again when no request would tell (see {@link #probeDue}).
   */
  private void probeIfIdleWhileDown() {
    synchronized (writer) {
      if (!probeDue(clock.millis())) {
        return;
      }
    }
    try {
      transport.probe();
      writer.engineAnswered();
    } catch (IOException e) {
      writer.engineUnreachable(ResponseClassifier.failed(e).cause());
    }
  }

  /**
   * Gives up the requests that got no callback within the answer deadline: the HTTP client is
   * restarted (outside the lock: closing it may run callbacks that take it) and their batches are
   * queued again, as after a connection error.
   */
  private void abandonOverdue() {
    List<BulkRequest> overdue = new ArrayList<>();
    synchronized (writer) {
      long now = clock.millis();
      while (!outstanding.isEmpty() && outstanding.get(0).deadlineMs <= now) {
        overdue.add(outstanding.remove(0));
      }
      if (overdue.isEmpty()) {
        return;
      }
      abandoned += overdue.size();
      log.warn(
          "{} bulk request(s) got neither an answer nor an error within {} ms; restarting the HTTP"
              + " client and sending them again",
          overdue.size(),
          settings.answerDeadline().toMillis());
    }
    transport.reset();
    // Newest first: each batch goes back to the front of the queue, so the oldest ends up first
    // again.
    for (int i = overdue.size() - 1; i >= 0; i--) {
      writer.settle(
          overdue.get(i).batch,
          ResponseClassifier.unanswered(settings.answerDeadline().toMillis()));
    }
  }

  private void send(BulkRequest request) {
    List<BulkItem> batch = request.batch;
    BulkBody body = request.body;
    if (log.isDebugEnabled()) {
      log.debug("Sending bulk request with {} actions, {} bytes", batch.size(), body.length());
    }
    try {
      transport.send(body, request);
    } catch (RuntimeException e) {
      if (request.settle()) {
        writer.settle(batch, ResponseClassifier.cannotSend(e));
      }
    }
  }
}
