package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents the sink indexed, read back from the engine with their ids and {@code _source} (a
 * scroll over the index), turned into the raw loader's {@code _bulk} bodies in record order. So the
 * raw ceiling indexes exactly what the sink wrote, without the benchmark calling the sink's
 * classes: the sink ran from its plugin ZIP, and only the engine's REST API is read.
 */
final class SinkDocuments {

  private static final int PAGE = 5_000;

  private SinkDocuments() {}

  /**
   * Reads every document of {@code index} and returns the bodies for records {@code 0..count-1} of
   * {@code load}, cut at {@code maxActions} documents or {@code maxBytes} bytes per request.
   *
   * @throws BenchException when the index does not hold exactly one document per record
   */
  static List<byte[]> bulkBodies(
      JsonHttp http,
      String engineUrl,
      String index,
      NoaaLoad load,
      long count,
      int maxActions,
      long maxBytes) {
    Map<String, byte[]> sources = readAll(http, engineUrl, index);
    if (sources.size() != count) {
      throw new BenchException(
          "The sink's index "
              + index
              + " holds "
              + sources.size()
              + " documents, not the "
              + count
              + " records it was given; the raw ceiling needs each record's document once");
    }
    BulkBodies bodies = new BulkBodies(maxActions, maxBytes);
    for (long i = 0; i < count; i++) {
      String id = load.documentId(i);
      byte[] source = sources.remove(id);
      if (source == null) {
        throw new BenchException(
            "The sink's index "
                + index
                + " has no document "
                + id
                + " for record "
                + i
                + "; did the sink's document.id settings change?");
      }
      bodies.add(BulkBodies.indexLines(index, id, source));
    }
    return bodies.bodies();
  }

  private static Map<String, byte[]> readAll(JsonHttp http, String engineUrl, String index) {
    Map<String, byte[]> sources = new HashMap<>();
    ObjectNode first = JsonHttp.MAPPER.createObjectNode();
    first.put("size", PAGE);
    first.putArray("sort").add("_doc");
    JsonNode page =
        ok(http.post(engineUrl + "/" + index + "/_search?scroll=2m", first.toString()), index);
    while (true) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        return sources;
      }
      for (JsonNode hit : hits) {
        sources.put(hit.path("_id").asText(), BulkBodies.compact(hit.path("_source")));
      }
      ObjectNode next = JsonHttp.MAPPER.createObjectNode();
      next.put("scroll", "2m");
      next.put("scroll_id", page.path("_scroll_id").asText());
      page = ok(http.post(engineUrl + "/_search/scroll", next.toString()), index);
    }
  }

  private static JsonNode ok(JsonHttp.Response r, String index) {
    if (!r.ok()) {
      throw new BenchException(
          "Cannot read the sink's documents back from "
              + index
              + " (HTTP "
              + r.status()
              + "): "
              + r.body());
    }
    return r.json();
  }
}
