package io.tidestream.elastic.retry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An engine error object, {@code {"type":…,"reason":…,"caused_by":{…}}}, reduced to what a person
 * needs: its own type and reason, and the type and reason of its innermost {@code caused_by}, which
 * is often the only part that says what was wrong ("failed to parse" … caused by {@code
 * json_e_o_f_exception}).
 *
 * <p>The one reader of engine error objects: bulk items ({@link BulkResponse}), whole-request error
 * bodies ({@link ResponseClassifier}) and start-up requests (template install, engine detection).
 *
 * @param causeType null when the error has no {@code caused_by}
 */
public record EngineError(String type, String reason, String causeType, String causeReason) {

  /** The reason, then the innermost cause: {@code "<reason>: caused by <type>: <reason>"}. */
  public String describe() {
    String own = reason == null ? "" : reason;
    if (causeType == null) {
      return own;
    }
    return own
        + (own.isEmpty() ? "" : ": ")
        + "caused by "
        + causeType
        + (causeReason == null ? "" : ": " + causeReason);
  }

  /**
   * Reads the error object the parser is positioned on ({@code START_OBJECT}), up to its {@code
   * END_OBJECT}.
   */
  public static EngineError read(JsonParser p) throws IOException {
    String type = null;
    String reason = null;
    EngineError cause = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("type") && t == JsonToken.VALUE_STRING) {
        type = p.getText();
      } else if (field.equals("reason") && t == JsonToken.VALUE_STRING) {
        reason = p.getText();
      } else if (field.equals("caused_by") && t == JsonToken.START_OBJECT) {
        cause = read(p);
      } else {
        p.skipChildren();
      }
    }
    if (cause == null) {
      return new EngineError(type, reason, null, null);
    }
    return cause.causeType() != null
        ? new EngineError(type, reason, cause.causeType(), cause.causeReason())
        : new EngineError(type, reason, cause.type(), cause.reason());
  }

  /**
   * The {@code error} of a whole-request error body ({@code {"error":{…},"status":400}}), or null
   * when the body is not one (an HTML page from a proxy, say). A plain-text {@code "error"} becomes
   * the reason.
   */
  public static EngineError ofBody(JsonFactory json, byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("error") && t == JsonToken.START_OBJECT) {
          return read(p);
        }
        if (name.equals("error") && t == JsonToken.VALUE_STRING) {
          return new EngineError(null, p.getText(), null, null);
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** {@link #ofBody(JsonFactory, byte[])} of a body read as text. */
  public static EngineError ofBody(JsonFactory json, String body) {
    return body == null || body.isBlank()
        ? null
        : ofBody(json, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code "type: reason"} of the innermost {@code caused_by} (the outer ones often only say
   * "template after composition is invalid"), else of the error itself; a plain-text error as it
   * is.
   */
  public String innermost() {
    if (causeType != null) {
      return causeType + ": " + (causeReason == null ? "" : causeReason);
    }
    if (type == null) {
      return reason; // {"error":"plain text"}
    }
    return type + ": " + (reason == null ? "" : reason);
  }
}
