package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency: the time from a record's hand-over to the producer until its document is
 * found by a search (so after the refresh that makes it visible, as a user would see it). A sample
 * of the records are probes; one thread searches for the outstanding probe ids every {@link #POLL}
 * and records each one's latency in the histogram of the window it was sent in. The poll interval
 * bounds the resolution: a latency is overstated by at most one interval.
 */
final class LatencyProbe implements AutoCloseable {

  static final Duration POLL = Duration.ofMillis(50);
  private static final int MAX_IDS_PER_SEARCH = 2_000;

  private record Probe(long sentNanos, int window) {}

  private final JsonHttp http;
  private final String searchUrl;
  private final Map<String, Probe> outstanding = new LinkedHashMap<>();
  private final List<Histogram> windows = new ArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  LatencyProbe(JsonHttp http, String engineUrl, String index, int windowCount) {
    this.http = http;
    this.searchUrl = engineUrl + "/" + index + "/_search?filter_path=hits.hits._id";
    for (int w = 0; w < windowCount; w++) {
      windows.add(new Histogram(TimeUnit.MINUTES.toMicros(10), 3));
    }
    this.poller = new Thread(this::poll, "latency-probe");
    poller.setDaemon(true);
    poller.start();
  }

  /**
   * A probe: document {@code id} was handed to the producer at {@code sentNanos}; window -1 is
   * warm-up.
   */
  synchronized void expect(String id, long sentNanos, int window) {
    outstanding.put(id, new Probe(sentNanos, window));
  }

  synchronized int outstandingCount() {
    return outstanding.size();
  }

  /**
   * Waits until every probe was seen or {@code timeout} passed; returns how many were never seen.
   */
  int awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outstandingCount() > 0 && System.nanoTime() < deadline) {
      throwIfFailed();
      IndexingWatch.sleep(POLL);
    }
    throwIfFailed();
    return outstandingCount();
  }

  /** Latencies (µs) of the probes sent in window {@code w}. */
  synchronized Histogram window(int w) {
    return windows.get(w).copy();
  }

  private void poll() {
    while (running) {
      try {
        List<String> ids;
        synchronized (this) {
          ids = outstanding.keySet().stream().limit(MAX_IDS_PER_SEARCH).toList();
        }
        if (!ids.isEmpty()) {
          found(search(ids), System.nanoTime());
        }
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
    }
  }

  private List<String> search(List<String> ids) {
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    body.put("size", ids.size());
    body.put("_source", false);
    ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
    ids.forEach(values::add);
    JsonHttp.Response r = http.post(searchUrl, body.toString());
    if (r.status() == 404 || r.status() == 503) {
      return List
          .of(); // the index appears with the first bulk request; its shard starts a moment later
    }
    if (!r.ok()) {
      throw new BenchException(
          "A latency probe search failed (HTTP " + r.status() + "): " + r.body());
    }
    List<String> seen = new ArrayList<>();
    for (JsonNode hit : r.json().path("hits").path("hits")) {
      seen.add(hit.path("_id").asText());
    }
    return seen;
  }

  private synchronized void found(List<String> ids, long now) {
    for (String id : ids) {
      Probe p = outstanding.remove(id);
      if (p != null && p.window() >= 0) {
        windows.get(p.window()).recordValue(Math.max(0, (now - p.sentNanos()) / 1_000));
      }
    }
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
