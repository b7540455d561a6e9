package io.tidestream.it.harness;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the answer of Connect's {@code PUT /connector-plugins/{class}/config/validate}. */
public final class Validations {

  private Validations() {}

  /**
   * The errors Connect reports on {@code key}, one per line (empty when it has none).
   *
   * @throws AssertionError when the answer has no entry for {@code key} at all
   */
  public static String errorsOn(JsonNode validation, String key) {
    for (JsonNode c : validation.path("configs")) {
      if (key.equals(c.path("value").path("name").asText())) {
        StringBuilder sb = new StringBuilder();
        c.path("value").path("errors").forEach(e -> sb.append(e.asText()).append('\n'));
        return sb.toString().strip();
      }
    }
    throw new AssertionError("no key " + key + " in the validation result");
  }
}
