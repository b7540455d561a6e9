package io.tidestream.elastic.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An index template in a neutral form (settings, mappings, aliases) that renders as either a
 * composable template ({@code PUT _index_template}, Elasticsearch 7.8+ and OpenSearch) or a legacy
 * one ({@code PUT _template}, older Elasticsearch 7). Accepts user JSON in three shapes: composable
 * ({@code index_patterns} + {@code template}), legacy ({@code index_patterns} + {@code mappings} at
 * the top) or bare ({@code settings}/{@code mappings} only).
 */
public final class TemplateBody {

  static final String BUILTIN_RESOURCE = "noaa-template.json";

  private final ObjectNode settings;
  private final ObjectNode mappings;
  private final ObjectNode aliases;
  private final boolean dataStream;

  private TemplateBody(ObjectNode settings, ObjectNode mappings, ObjectNode aliases) {
    this(settings, mappings, aliases, false);
  }

  private TemplateBody(
      ObjectNode settings, ObjectNode mappings, ObjectNode aliases, boolean dataStream) {
    this.settings = settings;
    this.mappings = mappings;
    this.aliases = aliases;
    this.dataStream = dataStream;
  }

  /**
   * A template for data streams ({@code data.stream.enabled}): the composable body gets a {@code
   * data_stream} block and {@code @timestamp} is mapped as a date unless the mapping says
   * otherwise. Apply last: the other {@code with…} methods make plain templates.
   */
  public TemplateBody withDataStream() {
    ObjectNode m = mappings.deepCopy();
    ObjectNode properties =
        m.has("properties") && m.get("properties").isObject()
            ? (ObjectNode) m.get("properties")
            : m.putObject("properties");
    if (!properties.has("@timestamp")) {
      properties.putObject("@timestamp").put("type", "date");
    }
    return new TemplateBody(settings, m, aliases, true);
  }

  public boolean dataStream() {
    return dataStream;
  }

  /** The built-in template for tidestream NOAA records, with {@code geoField} as the geo_point. */
  public static TemplateBody builtin(ObjectMapper mapper, String geoField) {
    try (InputStream in = TemplateBody.class.getResourceAsStream(BUILTIN_RESOURCE)) {
      TemplateBody body =
          parse(mapper, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ObjectNode props = (ObjectNode) body.mappings.path("properties");
      if (!geoField.equals("location")) {
        props.remove("location");
        props.putObject(geoField).put("type", "geo_point");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "built-in template " + BUILTIN_RESOURCE + " is missing from the plugin", e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the problem (not JSON, wrong shape) so it can be
   *     reported on the right configuration key
   */
  public static TemplateBody parse(ObjectMapper mapper, String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "template is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "template must be a JSON object with settings and/or mappings");
    }
    JsonNode source = root.has("template") ? root.get("template") : root;
    if (!source.isObject()) {
      throw new IllegalArgumentException(
          "'template' must be an object with settings and/or mappings");
    }
    for (Iterator<String> it = source.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!List.of(
              "settings",
              "mappings",
              "aliases",
              "index_patterns",
              "priority",
              "order",
              "version",
              "_meta",
              "composed_of",
              "data_stream",
              "template")
          .contains(f)) {
        throw new IllegalArgumentException(
            "template has unknown field '"
                + f
                + "'; expected settings, mappings, aliases (optionally inside 'template' with"
                + " index_patterns)");
      }
    }
    ObjectNode settings = objectOrEmpty(mapper, source.get("settings"), "settings");
    ObjectNode mappings = objectOrEmpty(mapper, source.get("mappings"), "mappings");
    ObjectNode aliases = objectOrEmpty(mapper, source.get("aliases"), "aliases");
    if (mappings.has("_doc") && mappings.size() == 1) {
      mappings = (ObjectNode) mappings.get("_doc"); // typed legacy mapping (ES 6 style)
    }
    if (settings.isEmpty() && mappings.isEmpty()) {
      throw new IllegalArgumentException("template has neither settings nor mappings");
    }
    return new TemplateBody(settings, mappings, aliases);
  }

  private static ObjectNode objectOrEmpty(ObjectMapper mapper, JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return mapper.createObjectNode();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("template '" + name + "' must be a JSON object");
    }
    return ((ObjectNode) node).deepCopy();
  }

  /**
   * Adds index settings given as JSON (e.g. number_of_replicas); they win over the template's own.
   */
  public TemplateBody withSettings(ObjectMapper mapper, String settingsJson) {
    if (settingsJson == null) {
      return this;
    }
    JsonNode extra;
    try {
      extra = mapper.readTree(settingsJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "index settings are not valid JSON: " + e.getOriginalMessage());
    }
    if (!extra.isObject()) {
      throw new IllegalArgumentException(
          "index settings must be a JSON object, e.g. {\"number_of_replicas\":0}");
    }
    ObjectNode merged = settings.deepCopy();
    JsonNode inner = extra.has("index") && extra.size() == 1 ? extra.get("index") : extra;
    for (Map.Entry<String, JsonNode> e : inner.properties()) {
      merged.set(e.getKey(), e.getValue());
    }
    return new TemplateBody(merged, mappings, aliases);
  }

  /** With one more index setting (a flat key such as index.lifecycle.name); keeps the kind. */
  TemplateBody withSetting(String key, String value) {
    ObjectNode merged = settings.deepCopy();
    merged.put(key, value);
    return new TemplateBody(merged, mappings, aliases, dataStream);
  }

  /** Adds an alias every index created from the template carries. */
  public TemplateBody withAlias(String alias) {
    if (alias == null) {
      return this;
    }
    ObjectNode a = aliases.deepCopy();
    a.putObject(alias);
    return new TemplateBody(settings, mappings, a);
  }

  /** Body for {@code PUT _index_template/<name>}. */
  public ObjectNode composable(ObjectMapper mapper, List<String> patterns, int priority) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode p = root.putArray("index_patterns");
    patterns.forEach(p::add);
    root.put("priority", priority);
    ObjectNode template = root.putObject("template");
    putIfNotEmpty(template, "settings", settings);
    putIfNotEmpty(template, "mappings", mappings);
    putIfNotEmpty(template, "aliases", aliases);
    if (dataStream) {
      root.putObject("data_stream");
    }
    root.putObject("_meta").put("managed_by", "tidestream elastic-geo-sink");
    return root;
  }

  /** Body for {@code PUT _template/<name>} on Elasticsearch before 7.8. */
  public ObjectNode legacy(ObjectMapper mapper, List<String> patterns, int order) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode p = root.putArray("index_patterns");
    patterns.forEach(p::add);
    root.put("order", order);
    putIfNotEmpty(root, "settings", settings);
    putIfNotEmpty(root, "mappings", mappings);
    putIfNotEmpty(root, "aliases", aliases);
    return root;
  }

  private static void putIfNotEmpty(ObjectNode target, String name, ObjectNode value) {
    if (!value.isEmpty()) {
      target.set(name, value);
    }
  }

  public ObjectNode mappings() {
    return mappings;
  }

  public ObjectNode settings() {
    return settings;
  }
}
