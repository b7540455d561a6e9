package io.tidestream.elastic.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The worker's errant record reporter as the task sees it. Kafka's reporter hands back one of two
 * kinds of future: for a write still in flight, a view over the producer's futures (its {@code
 * ErrantRecordFuture}, not a {@link CompletableFuture}), acknowledged some time after {@code
 * report()} returns (a real one needs a round trip to the broker), here when the test calls {@link
 * #acknowledgeAll()}; and, when no write is in flight any more (its producer refused the record at
 * once), an already-completed {@code CompletableFuture}. {@link #answerWith} scripts the answers.
 */
public final class FakeReporter implements ErrantRecordReporter {

  /** One call of {@code report()}; the test completes {@code future} to play the broker. */
  public record Report(SinkRecord record, Throwable error, CompletableFuture<Void> future) {
    public Object header(String key) {
      Header h = record.headers().lastWithName(key);
      return h == null ? null : h.value();
    }
  }

  /**
   * What {@code report()} returns: {@code future}, handed over as it is ({@code direct}, as the
   * worker does with its own completed futures) or behind a view like the worker's over a producer
   * write.
   */
  public record Answer(CompletableFuture<Void> future, boolean direct) {
    /** A write in flight: the task sees it done once {@code future} completes. */
    public static Answer inFlight(CompletableFuture<Void> future) {
      return new Answer(future, false);
    }

    /** A future the runtime itself made, e.g. a failed one on a runtime that hands errors on. */
    public static Answer direct(CompletableFuture<Void> future) {
      return new Answer(future, true);
    }
  }

  private final List<Report> reports = new ArrayList<>();
  private Function<SinkRecord, Answer> answer = r -> Answer.inFlight(new CompletableFuture<>());

  @Override
  public synchronized Future<Void> report(SinkRecord record, Throwable error) {
    Answer a = answer.apply(record);
    reports.add(new Report(record, error, a.future()));
    return a.direct() ? a.future() : new InFlight(a.future());
  }

  /** The answer each later report gets. */
  public synchronized FakeReporter answerWith(Function<SinkRecord, Answer> answer) {
    this.answer = answer;
    return this;
  }

  /**
   * What Kafka's reporter hands back for a write its producer refused at once: success, already.
   */
  public static Answer refusedAtOnce(SinkRecord record) {
    return Answer.direct(CompletableFuture.completedFuture(null));
  }

  /** A write the broker acknowledged before {@code report()} returned to the task. */
  public static Answer acknowledgedAtOnce(SinkRecord record) {
    return Answer.inFlight(CompletableFuture.completedFuture(null));
  }

  /** The dead-letter topic has every record reported so far. */
  public synchronized void acknowledgeAll() {
    reports.forEach(r -> r.future().complete(null));
  }

  public synchronized List<Report> reports() {
    return List.copyOf(reports);
  }

  public synchronized int count() {
    return reports.size();
  }

  /**
   * Like the worker's {@code ErrantRecordFuture}: a plain {@link Future} over the producer's write.
   */
  private record InFlight(CompletableFuture<Void> write) implements Future<Void> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      throw new UnsupportedOperationException("Reporting an errant record cannot be cancelled.");
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return write.isDone();
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
      return write.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return write.get(timeout, unit);
    }
  }
}
