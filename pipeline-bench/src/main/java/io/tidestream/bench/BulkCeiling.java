package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own limit for this load: a plain bulk loader that sends the very documents the sink
 * wrote (read back from the engine with their ids and {@code _source} by {@link SinkDocuments}, so
 * same ids, same fields, same geo point), cut into requests of the sink's batch size, with as many
 * requests in flight as the sink gets from its tasks. The index template is the one the sink
 * installed when it started from its plugin ZIP, so the mapping is the same too. Bodies are built
 * before the clock starts: only the engine is timed.
 */
final class BulkCeiling {

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Sends {@code bodies} with {@code concurrency} requests in flight; resends a request whose items
   * were refused. Returns the nanoseconds from the first request to the last answer.
   */
  long load(String engineUrl, List<byte[]> bodies, int concurrency) {
    URI bulk = URI.create(engineUrl + "/_bulk?filter_path=errors,items.*.error.type");
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "bulk-ceiling");
              t.setDaemon(true);
              return t;
            });
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < bodies.size();
                      i = next.getAndIncrement()) {
                    send(bulk, bodies.get(i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (Exception e) {
      throw new BenchException(
          "The raw bulk load failed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return System.nanoTime() - start;
  }

  private void send(URI bulk, byte[] body) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(bulk)
                  .timeout(Duration.ofMinutes(2))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      boolean retry = response.statusCode() == 429 || response.statusCode() >= 500;
      if (!retry && response.statusCode() >= 300) {
        throw new IOException("HTTP " + response.statusCode() + ": " + new String(response.body()));
      }
      if (!retry) {
        JsonNode answer = mapper.readTree(response.body());
        if (!answer.path("errors").asBoolean(false)) {
          return;
        }
        // Refused items (a full write queue) are resent with the whole request: ids make it
        // idempotent.
        String type =
            answer.path("items").path(0).path("index").path("error").path("type").asText("");
        if (!type.isEmpty()
            && !type.contains("rejected_execution")
            && !type.contains("circuit_breaking")) {
          throw new IOException("the engine refused documents with " + type);
        }
      }
      if (attempt >= 20) {
        throw new IOException(
            "still refused after " + attempt + " attempts (HTTP " + response.statusCode() + ")");
      }
      Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 5)));
    }
  }
}
