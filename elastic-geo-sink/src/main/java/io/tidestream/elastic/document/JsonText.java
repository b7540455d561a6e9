package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;

/** Parses string record values (raw JSON text, as with StringConverter) into maps. */
public final class JsonText {

  private final ObjectReader reader;

  public JsonText(ObjectMapper mapper) {
    // Trailing content ("{...} {...}") would make the copied text an invalid bulk line: reject it
    // here.
    this.reader =
        mapper
            .readerFor(new TypeReference<Map<String, Object>>() {})
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Thrown when a string value is not a JSON object; the message is safe to put in a header. */
  public static final class NotJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    NotJsonException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Thrown when a string value is valid JSON as far as it was read but goes beyond a limit of the
   * parser (nesting depth, number, string or name length); the message names the limit, never the
   * value.
   */
  public static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message, null, false, false);
    }
  }

  public Map<String, Object> parseObject(String text) throws NotJsonException, TooLargeException {
    int first = firstNonBlank(text);
    if (first < 0) {
      throw new NotJsonException("value is an empty string, not a JSON object");
    }
    char c = text.charAt(first);
    if (c != '{') {
      throw new NotJsonException(
          c == '<'
              ? "value is not JSON: it starts with '<' (an HTML or XML page, e.g. an HTTP error"
                  + " page)"
              : "value is not a JSON object: it starts with '"
                  + (Character.isISOControl(c) ? "\\u" + (int) c : String.valueOf(c))
                  + "'");
    }
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      StreamConstraintsException limit = limitOf(e);
      if (limit != null) {
        throw new TooLargeException(
            "the value exceeds a limit of the JSON parser: " + limit.getOriginalMessage());
      }
      throw new NotJsonException(
          "value is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    }
  }

  /** The parser limit behind {@code e}, if that is what stopped it (databind may wrap it). */
  static StreamConstraintsException limitOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return limit;
      }
    }
    return null;
  }

  private static int firstNonBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\uFEFF') {
        return i;
      }
    }
    return -1;
  }
}
