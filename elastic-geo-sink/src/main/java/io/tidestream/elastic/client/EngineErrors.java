package io.tidestream.elastic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads the engine's {@code {"error":{"type","reason","caused_by":…}}} bodies. */
public final class EngineErrors {

  private EngineErrors() {}

  /**
   * {@code "type: reason"} of the innermost {@code caused_by} (the outer ones often only say
   * "template after composition is invalid"), or null when the body is not an error object.
   */
  public static String describe(ObjectMapper mapper, String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonNode error;
    try {
      error = mapper.readTree(body).path("error");
    } catch (IOException e) {
      return null;
    }
    if (!error.isObject()) {
      return error.isTextual() ? error.asText() : null;
    }
    JsonNode deepest = error;
    while (deepest.path("caused_by").isObject()) {
      deepest = deepest.path("caused_by");
    }
    return deepest.path("type").asText("error") + ": " + deepest.path("reason").asText("");
  }
}
