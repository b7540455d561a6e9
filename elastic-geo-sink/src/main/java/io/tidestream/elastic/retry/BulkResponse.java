package io.tidestream.elastic.retry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a {@code _bulk} response with a streaming parser: if {@code errors} is false it stops
 * there; otherwise it records each item's status, exact {@code error.type} and reason, in request
 * order. The reason ends with the innermost {@code caused_by} ({@link EngineError#describe()}).
 */
public final class BulkResponse {

  /**
   * Item statuses and errors as the engine gave them; {@code errors == false} means the engine says
   * every item succeeded (the arrays are then null). What an item means for the sink is decided by
   * {@link ResponseClassifier}.
   */
  /**
   * Per item: status, exact error type, reason, and whether its action was {@code create} (whose
   * version conflict means the document is already there).
   */
  public record Items(
      boolean errors, int[] statuses, String[] types, String[] reasons, boolean[] creates) {
    public static Items allOk() {
      return new Items(false, null, null, null, null);
    }
  }

  private BulkResponse() {}

  /**
   * @throws IOException when the body is not a bulk response, or lists fewer items than were sent
   */
  public static Items parse(JsonFactory factory, byte[] body, int itemCount) throws IOException {
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("bulk response is not a JSON object");
      }
      boolean errorsSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("errors")) {
          errorsSeen = true;
          if (t == JsonToken.VALUE_FALSE) {
            return Items.allOk();
          }
        } else if (name.equals("items") && t == JsonToken.START_ARRAY) {
          return readItems(p, itemCount);
        } else {
          p.skipChildren();
        }
      }
      throw new IOException(
          errorsSeen
              ? "bulk response has errors but no items"
              : "bulk response has no 'errors' field");
    }
  }

  private static Items readItems(JsonParser p, int itemCount) throws IOException {
    int[] statuses = new int[itemCount];
    String[] types = new String[itemCount];
    String[] reasons = new String[itemCount];
    boolean[] creates = new boolean[itemCount];
    int i = 0;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      if (i >= itemCount) {
        throw new IOException("bulk response lists more items than the " + itemCount + " sent");
      }
      p.nextToken(); // FIELD_NAME: index | create | delete | update
      creates[i] = "create".equals(p.currentName());
      p.nextToken(); // START_OBJECT
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("status")) {
          statuses[i] = p.getIntValue();
        } else if (field.equals("error") && t == JsonToken.START_OBJECT) {
          EngineError error = EngineError.read(p);
          types[i] = error.type();
          reasons[i] =
              error.reason() == null && error.causeType() == null ? null : error.describe();
        } else if (field.equals("error")) {
          types[i] = "error";
          reasons[i] = p.getText();
        } else {
          p.skipChildren();
        }
      }
      p.nextToken(); // END_OBJECT of the item wrapper
      i++;
    }
    if (i != itemCount) {
      throw new IOException("bulk response lists " + i + " items but " + itemCount + " were sent");
    }
    return new Items(true, statuses, types, reasons, creates);
  }
}
