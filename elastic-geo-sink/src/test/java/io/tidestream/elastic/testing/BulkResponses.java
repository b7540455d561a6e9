package io.tidestream.elastic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.StringJoiner;

/** Bulk responses in the shape Elasticsearch and OpenSearch return (trimmed by filter_path). */
public final class BulkResponses {

  private BulkResponses() {}

  public static String allOk(int items) {
    return "{\"errors\":false,\"items\":["
        + "{\"index\":{\"status\":201}},".repeat(Math.max(0, items - 1))
        + (items > 0 ? "{\"index\":{\"status\":201}}" : "")
        + "]}";
  }

  /**
   * Items given as "ok", or "status:error_type" e.g. "429:es_rejected_execution_exception", each
   * with the reason "reason for &lt;type&gt;". For causes ({@code caused_by}) use the recorded
   * answers in src/test/resources/engine.
   */
  public static String items(String... outcomes) {
    StringJoiner items = new StringJoiner(",", "{\"took\":3,\"errors\":true,\"items\":[", "]}");
    for (String outcome : outcomes) {
      if (outcome.equals("ok")) {
        items.add(
            "{\"index\":{\"_index\":\"tides-2015.01\",\"_id\":\"x\",\"_version\":1,\"result\":\"created\","
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},\"_seq_no\":0,\"_primary_term\":1,\"status\":201}}");
      } else {
        int colon = outcome.indexOf(':');
        String status = outcome.substring(0, colon);
        String type = outcome.substring(colon + 1);
        items.add(
            "{\"index\":{\"_index\":\"tides-2015.01\",\"_id\":\"x\",\"status\":"
                + status
                + ",\"error\":{\"type\":\""
                + type
                + "\",\"reason\":\"reason for "
                + type
                + "\"}}}");
      }
    }
    return items.toString();
  }

  /**
   * An answer recorded from a real engine, under src/test/resources/engine (see the README there).
   */
  public static byte[] recorded(String name) {
    try (var in = BulkResponses.class.getResourceAsStream("/engine/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded answer /engine/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
