package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;

/** Parses string record values (raw JSON text, as with StringConverter) into maps. */
public final class JsonText {

  private final ObjectReader reader;

  public JsonText(ObjectMapper mapper) {
    // Trailing content ("{...} {...}") would make the copied text an invalid bulk line: reject it here.
    this.reader = mapper.readerFor(new TypeReference<Map<String, Object>>() {})
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Thrown when a string value is not a JSON object; the message is safe to put in a header. */
  public static final class NotJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    NotJsonException(String message) {
      super(message, null, false, false);
    }
  }

  public Map<String, Object> parseObject(String text) throws NotJsonException {
    int first = firstNonBlank(text);
    if (first < 0) {
      throw new NotJsonException("value is an empty string, not a JSON object");
    }
    char c = text.charAt(first);
    if (c != '{') {
      throw new NotJsonException(c == '<'
          ? "value is not JSON: it starts with '<' (an HTML or XML page, e.g. an HTTP error page)"
          : "value is not a JSON object: it starts with '" + (Character.isISOControl(c) ? "\\u" + (int) c : String.valueOf(c)) + "'");
    }
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new NotJsonException("value is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    }
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
