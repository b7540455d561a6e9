package io.tidestream.elastic.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a topic's records go: the target of {@code topic.index.map} for a mapped topic, else the
 * {@code index.name} template (null when that is empty). A target is an index, an alias or a data
 * stream name and takes the same placeholders as {@code index.name}.
 *
 * <p>The topic's template is looked up once per topic change, not per record: records of one
 * partition arrive in runs. Not thread-safe (the templates cache their last name); each task owns
 * one.
 */
public final class IndexTargets {

  private final IndexNameTemplate fallback;
  private final Map<String, IndexNameTemplate> byTopic;

  private String lastTopic;
  private IndexNameTemplate lastTemplate;

  /**
   * @param fallback the {@code index.name} template, or null when it is empty
   * @param byTopic the parsed {@code topic.index.map}
   */
  public IndexTargets(IndexNameTemplate fallback, Map<String, IndexNameTemplate> byTopic) {
    this.fallback = fallback;
    this.byTopic = Collections.unmodifiableMap(new LinkedHashMap<>(byTopic));
  }

  /** Only {@code index.name}, as before {@code topic.index.map} existed. */
  public static IndexTargets of(IndexNameTemplate indexName) {
    return new IndexTargets(indexName, Map.of());
  }

  /** The template naming the target of {@code topic}'s records, or null when it has none. */
  public IndexNameTemplate forTopic(String topic) {
    if (topic == lastTopic || (topic != null && topic.equals(lastTopic))) {
      return lastTemplate;
    }
    IndexNameTemplate template = byTopic.getOrDefault(topic, fallback);
    lastTopic = topic;
    lastTemplate = template;
    return template;
  }

  /** The {@code index.name} template, or null when it is empty. */
  public IndexNameTemplate fallback() {
    return fallback;
  }

  public Map<String, IndexNameTemplate> byTopic() {
    return byTopic;
  }

  /** For logs: "tides-${yyyy.MM}", or with a map "tides-${yyyy.MM} (topic.index.map {a=x})". */
  @Override
  public String toString() {
    String name = fallback == null ? "(index.name empty)" : fallback.toString();
    return byTopic.isEmpty() ? name : name + " (topic.index.map " + byTopic + ")";
  }

  /**
   * Parses {@code topic.index.map} entries, each {@code topic:target} (the format of the key of the
   * same name in Confluent's and Aiven's sinks).
   *
   * @throws IllegalArgumentException naming the entry and how to write it instead
   */
  public static Map<String, IndexNameTemplate> parseMap(List<String> entries) {
    Map<String, IndexNameTemplate> map = new LinkedHashMap<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "entry '" + entry + "' has no ':'; write topic:target, e.g. noaa.water_level:tides");
      }
      String topic = entry.substring(0, colon).trim();
      String target = entry.substring(colon + 1).trim();
      if (topic.isEmpty() || target.isEmpty()) {
        throw new IllegalArgumentException(
            "entry '"
                + entry
                + "' lacks a "
                + (topic.isEmpty() ? "topic" : "target")
                + "; write topic:target, e.g. noaa.water_level:tides");
      }
      IndexNameTemplate template;
      try {
        template = IndexNameTemplate.parse(target);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("target of topic '" + topic + "': " + e.getMessage(), e);
      }
      if (map.putIfAbsent(topic, template) != null) {
        throw new IllegalArgumentException(
            "topic '"
                + topic
                + "' is mapped twice ('"
                + map.get(topic)
                + "' and '"
                + target
                + "'); keep one entry per topic");
      }
    }
    return map;
  }
}
