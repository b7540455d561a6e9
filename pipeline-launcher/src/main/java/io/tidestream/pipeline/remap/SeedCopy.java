package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.Optional;

/**
 * The seed copy made from the launcher when the engine has no {@code _reindex}: one page of the old
 * version becomes a bulk of {@code create} actions (what the new connector already wrote is kept),
 * and the answer is tallied. Pure.
 */
public final class SeedCopy {

  private SeedCopy() {}

  /** What one bulk of creates did: created, already there, the first other failure. */
  public record Tally(long created, long existing, Optional<String> failure) {}

  /** The bulk body that creates every hit of {@code hits} in {@code to} under its own id. */
  public static String body(JsonNode hits, String to) {
    StringBuilder ndjson = new StringBuilder();
    for (JsonNode h : hits) {
      ObjectNode action = JsonHttp.MAPPER.createObjectNode();
      action.putObject("create").put("_index", to).put("_id", h.path("_id").asText());
      ndjson.append(action).append('\n').append(h.path("_source")).append('\n');
    }
    return ndjson.toString();
  }

  public static Tally tally(JsonNode bulkAnswer) {
    long created = 0;
    long existing = 0;
    String failure = null;
    for (JsonNode item : bulkAnswer.path("items")) {
      JsonNode op = item.path("create");
      int status = op.path("status").asInt();
      if (status == 201 || status == 200) {
        created++;
      } else if (status == 409) {
        existing++;
      } else if (failure == null) {
        JsonNode e = op.path("error");
        failure =
            "document "
                + op.path("_id").asText()
                + ": HTTP "
                + status
                + " "
                + e.path("type").asText()
                + ": "
                + e.path("reason").asText();
      }
    }
    return new Tally(created, existing, Optional.ofNullable(failure));
  }
}
