package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the sink runs with, read from the plugin the worker installed (never from the sink's
 * classes), and the ones shown with the results.
 */
final class SinkSettings {

  /**
   * The sink settings shown with the results, as the sink's REST validation reports them (defaults
   * included).
   */
  static final List<String> SHOWN_SINK_SETTINGS =
      List.of(
          "bulk.max.actions",
          "bulk.max.bytes",
          "bulk.linger.ms",
          "bulk.max.in.flight.requests",
          "buffer.max.bytes");

  private SinkSettings() {}

  /**
   * The settings the sink runs with, defaults included, as the worker's {@code PUT
   * /connector-plugins/{class}/config/validate} reports them: the benchmark learns the sink's batch
   * size and in-flight budget from the plugin it installed, not from the sink's classes.
   */
  static Map<String, String> effectiveSettings(JsonNode validation) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode config : validation.path("configs")) {
      JsonNode value = config.path("value");
      values.put(
          value.path("name").asText(),
          value.path("value").isNull() ? null : value.path("value").asText());
      value
          .path("errors")
          .forEach(e -> errors.add(value.path("name").asText() + ": " + e.asText()));
    }
    if (!errors.isEmpty()) {
      throw new BenchException(
          "The sink refuses the benchmark's configuration: " + String.join("; ", errors));
    }
    return values;
  }

  static String setting(Map<String, String> effective, String key) {
    String value = effective.get(key);
    if (value == null) {
      throw new BenchException(
          "The sink plugin does not report the setting " + key + "; the benchmark needs it");
    }
    return value;
  }

  /**
   * The settings shown with the results: what the sink was given ({@code sinkConfig}, the 2-task
   * configuration) beyond the connector plumbing, with the shown settings' effective values.
   */
  static Map<String, String> shownConfig(
      Map<String, String> sinkConfig, Map<String, String> effective) {
    Map<String, String> c = new LinkedHashMap<>(sinkConfig);
    c.remove("connection.urls");
    c.remove("connector.class");
    c.remove("tasks.max");
    for (String key : SHOWN_SINK_SETTINGS) {
      c.put(key, setting(effective, key));
    }
    return c;
  }
}
