package io.tidestream.elastic.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The worker's errant record reporter as the task sees it: a write to the dead-letter topic is
 * acknowledged some time after {@code report()} returns (a real one needs a round trip to the
 * broker), here when the test calls {@link #acknowledgeAll()}. {@link #answerWith} scripts other
 * outcomes, e.g. the already-completed future Kafka hands back for a write its producer refused
 * at once.
 */
public final class FakeReporter implements ErrantRecordReporter {

  /** One call of {@code report()}. */
  public record Report(SinkRecord record, Throwable error, CompletableFuture<Void> future) {
    public Object header(String key) {
      Header h = record.headers().lastWithName(key);
      return h == null ? null : h.value();
    }
  }

  private final List<Report> reports = new ArrayList<>();
  private Function<SinkRecord, CompletableFuture<Void>> answer = r -> new CompletableFuture<>();

  @Override
  public synchronized Future<Void> report(SinkRecord record, Throwable error) {
    CompletableFuture<Void> future = answer.apply(record);
    reports.add(new Report(record, error, future));
    return future;
  }

  /** The future each later report gets. */
  public synchronized FakeReporter answerWith(Function<SinkRecord, CompletableFuture<Void>> answer) {
    this.answer = answer;
    return this;
  }

  /** What Kafka's reporter hands back for a write its producer refuses at once: success, already. */
  public static CompletableFuture<Void> refusedAtOnce(SinkRecord record) {
    return CompletableFuture.completedFuture(null);
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
}
