package io.tidestream.elastic.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.bulk.EngineError;
import java.nio.charset.StandardCharsets;

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
    EngineError error = EngineError.ofBody(mapper.getFactory(), body.getBytes(StandardCharsets.UTF_8));
    if (error == null) {
      return null;
    }
    if (error.causeType() != null) {
      return error.causeType() + ": " + (error.causeReason() == null ? "" : error.causeReason());
    }
    if (error.type() == null) {
      return error.reason(); // {"error":"plain text"}
    }
    return error.type() + ": " + (error.reason() == null ? "" : error.reason());
  }
}
