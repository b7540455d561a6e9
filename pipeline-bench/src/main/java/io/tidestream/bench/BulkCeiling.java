package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.RestEngineSession;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own limit for this load: a plain bulk loader that sends the very documents the sink
 * would send (built by the sink's document code from the same records, so same ids, same fields,
 * same geo point), cut into requests of the sink's batch size, with as many requests in flight as
 * the sink gets from its tasks. The template is installed by the sink's own start-up code, so the
 * mapping is the same too. Bodies are built before the clock starts: only the engine is timed.
 */
final class BulkCeiling {

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /** Builds the bodies for records {@code 0..count-1} as the sink configured by {@code sinkConfig} would. */
  List<byte[]> bodies(NoaaLoad load, String topic, long count, Map<String, String> sinkConfig) {
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(sinkConfig);
    DocumentFactory documents = TaskComponents.documentFactory(config, mapper, mapper.getFactory());
    int maxActions = config.bulkMaxActions();
    long maxBytes = config.bulkMaxBytes();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
    int actions = 0;
    for (long i = 0; i < count; i++) {
      NoaaLoad.Bytes bytes = load.bytes(topic, i);
      Outcome outcome = documents.build(load.sinkRecord(topic, 0, i, bytes));
      if (!(outcome instanceof Outcome.Write w)) {
        throw new BenchException("The sink would not index generated record " + i + " (" + outcome + ")");
      }
      byte[] ndjson = w.ndjson();
      if (actions > 0 && (actions >= maxActions || body.size() + ndjson.length > maxBytes)) {
        bodies.add(body.toByteArray());
        body.reset();
        actions = 0;
      }
      body.writeBytes(ndjson);
      actions++;
    }
    if (actions > 0) {
      bodies.add(body.toByteArray());
    }
    return bodies;
  }

  /** Installs the sink's template the way a starting sink task does (engine detection included). */
  static void installTemplate(Map<String, String> sinkConfig) {
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(sinkConfig);
    RestEngineSession session = new RestEngineSession(config, new ObjectMapper());
    try {
      session.preflight().run();
    } catch (IOException e) {
      throw new BenchException("Cannot install the sink's index template: " + e.getMessage(), e);
    } finally {
      session.transport().close();
    }
  }

  /**
   * Sends {@code bodies} with {@code concurrency} requests in flight; resends a request whose items
   * were refused. Returns the nanoseconds from the first request to the last answer.
   */
  long load(String engineUrl, List<byte[]> bodies, int concurrency) {
    URI bulk = URI.create(engineUrl + "/_bulk?filter_path=errors,items.*.error.type");
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "bulk-ceiling");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
            send(bulk, bodies.get(i));
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (Exception e) {
      throw new BenchException("The raw bulk load failed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return System.nanoTime() - start;
  }

  private void send(URI bulk, byte[] body) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(bulk).timeout(Duration.ofMinutes(2))
          .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
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
        // Refused items (a full write queue) are resent with the whole request: ids make it idempotent.
        String type = answer.path("items").path(0).path("index").path("error").path("type").asText("");
        if (!type.isEmpty() && !type.contains("rejected_execution") && !type.contains("circuit_breaking")) {
          throw new IOException("the engine refused documents with " + type);
        }
      }
      if (attempt >= 20) {
        throw new IOException("still refused after " + attempt + " attempts (HTTP " + response.statusCode() + ")");
      }
      Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 5)));
    }
  }
}
