package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Watches an index fill from the engine's side: polls {@code _stats/indexing} (the count of index
 * operations on primaries, which needs no refresh) every {@link #POLL} and keeps the samples, so a
 * writer's rate can be read the same way whoever the writer is, the sink or the raw bulk loader.
 */
final class IndexingWatch {

  static final Duration POLL = Duration.ofMillis(100);

  /**
   * Fewer samples than this inside the measured span, and the rate is an interpolation, not a
   * measurement.
   */
  static final int MIN_SAMPLES = 5;

  /**
   * One reading: {@code nanos} on {@link System#nanoTime()}'s clock, {@code operations} indexed so
   * far.
   */
  record Sample(long nanos, long operations) {}

  private final JsonHttp http;
  private final String url;
  private final String countUrl;
  private final String refreshUrl;

  IndexingWatch(JsonHttp http, String engineUrl, String index) {
    this.http = http;
    this.url =
        engineUrl
            + "/"
            + index
            + "/_stats/indexing?filter_path=_all.primaries.indexing.index_total";
    this.countUrl = engineUrl + "/" + index + "/_count";
    this.refreshUrl = engineUrl + "/" + index + "/_refresh";
  }

  /** The samples of one fill, and when the index held every document (System.nanoTime()). */
  record Fill(List<Sample> samples, long completeNanos) {
    /**
     * Index operations beyond one per document: re-deliveries the writer sent again (after a
     * rebalance, say).
     */
    long resentOperations(long documents) {
      return samples.get(samples.size() - 1).operations() - documents;
    }
  }

  /**
   * Polls until the index holds {@code documents} distinct documents, or fails after {@code
   * timeout} with what it saw. Operations are sampled until they reach that number; documents
   * re-delivered after a rebalance count as operations too, so the count (after a refresh) is then
   * polled until it is complete. {@code stillHealthy} is asked on every poll: false ends the wait
   * at once.
   */
  Fill awaitDocuments(long documents, Duration timeout, BooleanSupplier stillHealthy, String what) {
    List<Sample> samples = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long now = System.nanoTime();
      long ops = operations();
      samples.add(new Sample(now, ops));
      if (ops >= documents) {
        long count = count();
        if (count == documents) {
          return new Fill(samples, System.nanoTime());
        }
        if (count > documents) {
          throw new BenchException(
              what
                  + " left "
                  + count
                  + " documents instead of "
                  + documents
                  + ": a writer that duplicates documents cannot be measured");
        }
      }
      if (now > deadline) {
        throw new BenchException(
            what
                + " indexed "
                + ops
                + " operations ("
                + count()
                + " documents) of "
                + documents
                + " in "
                + timeout.toSeconds()
                + " s; see the logs in the bench state folder");
      }
      if (!stillHealthy.getAsBoolean()) {
        throw new BenchException(
            what + " stopped being healthy after " + ops + " of " + documents + " documents");
      }
      sleep(POLL);
    }
  }

  /** Distinct documents, after a refresh so that all are counted. */
  long count() {
    http.post(refreshUrl, "");
    JsonHttp.Response r = http.get(countUrl);
    if (r.status() == 404) {
      return 0;
    }
    if (!r.ok()) {
      throw new BenchException("Cannot count documents (HTTP " + r.status() + "): " + r.body());
    }
    return r.json().path("count").asLong(-1);
  }

  long operations() {
    JsonHttp.Response r = http.get(url);
    if (r.status() == 404) {
      return 0; // not created yet: the first bulk request creates it
    }
    if (!r.ok()) {
      throw new BenchException("Cannot read indexing stats (HTTP " + r.status() + "): " + r.body());
    }
    JsonNode total = r.json().path("_all").path("primaries").path("indexing").path("index_total");
    return total.asLong(0);
  }

  /**
   * The steady rate in index operations per second between the moments {@code from} and {@code to}
   * (fractions of {@code target} operations) were crossed, each interpolated linearly between the
   * two samples around it. Leaving out the start (connecting, consumer group join) and the tail
   * (the last partial batches) measures what the writer sustains.
   */
  static double steadyRate(List<Sample> samples, long target, double from, double to) {
    double a = crossing(samples, from * target);
    double b = crossing(samples, to * target);
    long inside = samples.stream().filter(s -> s.nanos() > a && s.nanos() < b).count();
    if (Double.isNaN(a) || Double.isNaN(b) || b <= a || inside < MIN_SAMPLES) {
      throw new BenchException(
          "Too few samples to measure a rate between "
              + from
              + " and "
              + to
              + " of "
              + target
              + " documents; raise --records");
    }
    return (to - from) * target / ((b - a) / 1e9);
  }

  /** The interpolated nanoTime at which {@code level} operations were reached, NaN if never. */
  static double crossing(List<Sample> samples, double level) {
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.operations() >= level) {
        if (i == 0) {
          return s.nanos();
        }
        Sample p = samples.get(i - 1);
        double span = s.operations() - p.operations();
        return p.nanos() + (s.nanos() - p.nanos()) * ((level - p.operations()) / span);
      }
    }
    return Double.NaN;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }
}
