package io.tidestream.pipeline.remap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How versions are named. Version N of an index the sink writes is its base name with {@code -vN};
 * an index without the suffix is version 1 (the first remap of an unversioned layout creates {@code
 * -v2}). The connector that writes version N is {@code <base>-vN}, its template {@code <template
 * base>-vN}. An index name with {@code ${topic}} (the pipeline's {@code tides-${topic}}) is one
 * index per topic; its version N is {@code tides-${topic}-vN}, so every topic's index moves to the
 * next version together. Pure: it only reads names and the connector's configuration.
 */
public final class Versions {

  static final String SINK_CLASS = "io.tidestream.elastic.ElasticGeoSinkConnector";
  static final String DEFAULT_TEMPLATE_NAME = "tidestream-geo";
  static final int DEFAULT_TEMPLATE_PRIORITY = 200;

  private static final Pattern SUFFIX = Pattern.compile("^(.+)-v([1-9][0-9]{0,5})$");
  private static final Pattern TOPIC = Pattern.compile("\\$\\{\\s*topic\\s*}");

  private Versions() {}

  /**
   * A name split into its base and version: {@code tides-v3} is (tides, 3), {@code tides} (tides,
   * 1).
   */
  public record Named(String base, int version) {
    /** The name of version {@code v} of the same base. */
    public String at(int v) {
      return base + "-v" + v;
    }
  }

  public static Named parse(String name) {
    Matcher m = SUFFIX.matcher(name);
    return m.matches() ? new Named(m.group(1), Integer.parseInt(m.group(2))) : new Named(name, 1);
  }

  /** The topics a sink connector reads ({@code topics}; empty when it uses a regex). */
  public static List<String> topicsOf(Map<String, String> config) {
    return Arrays.stream(config.getOrDefault("topics", "").split(","))
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /**
   * The concrete indices an index name gives for {@code topics}: the name itself when it has no
   * {@code ${topic}}, else one per topic (lower case, as the sink writes them), in topic order.
   */
  public static List<String> indices(String indexName, List<String> topics) {
    if (!TOPIC.matcher(indexName).find()) {
      return List.of(indexName);
    }
    List<String> names = new ArrayList<>();
    for (String topic : topics) {
      String name =
          TOPIC
              .matcher(indexName)
              .replaceAll(Matcher.quoteReplacement(topic.toLowerCase(Locale.ROOT)));
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * What remap needs from the sink connector it switches away from: its name, its index name (fixed
   * or with {@code ${topic}}) and the topics it reads, the read alias readers use, and its
   * template's name and priority.
   */
  public record Layout(
      String connector,
      String index,
      List<String> topics,
      String readAlias,
      String templateName,
      int priority) {

    /** The concrete indices of this version, one per topic with {@code ${topic}}. */
    public List<String> indices() {
      return Versions.indices(index, topics);
    }

    /** The concrete indices of version {@code v} of the same layout. */
    public List<String> indicesAt(int v) {
      return Versions.indices(indexName().at(v), topics);
    }

    public Named connectorName() {
      return parse(connector);
    }

    public Named indexName() {
      return parse(index);
    }

    public int version() {
      return indexName().version();
    }

    /** The base name the remap state document is kept under. */
    public String stateId() {
      return connectorName().base();
    }
  }

  /**
   * The layout of {@code connector}, or the reason remap cannot switch it, with the fix.
   *
   * @return either a layout or a problem, never both
   */
  public static Result layout(String connector, Map<String, String> config) {
    String cls = config.getOrDefault("connector.class", "");
    if (!cls.equals(SINK_CLASS) && !cls.equals("ElasticGeoSinkConnector")) {
      return Result.problem(
          "Connector '"
              + connector
              + "' is not an elastic-geo-sink connector (connector.class="
              + cls
              + "); pass the sink's name with --connector");
    }
    String index = config.getOrDefault("index.name", "").strip();
    String alias = config.getOrDefault("mapping.read.alias", "").strip();
    if (alias.isEmpty()) {
      return Result.problem(
          "Connector '"
              + connector
              + "' has no mapping.read.alias: remap switches readers from one index version to"
              + " the next by moving that alias, so readers must query it. Add"
              + " \"mapping.read.alias\": \"<name>\" to its configuration, put the alias on '"
              + index
              + "' (POST /_aliases), point dashboards at it, and run remap again"
              + " (docs/remap.md)");
    }
    if (index.isEmpty()) {
      return Result.problem(
          "Connector '" + connector + "' has no index.name; remap needs one fixed index name");
    }
    List<String> topics = topicsOf(config);
    if (TOPIC.matcher(index).replaceAll("").contains("${")) {
      return Result.problem(
          "Connector '"
              + connector
              + "' writes to index.name="
              + index
              + ": date placeholders are not supported by remap yet; a fixed index name or"
              + " ${topic} is (docs/remap.md, 'Not done yet')");
    }
    if (TOPIC.matcher(index).find() && topics.isEmpty()) {
      return Result.problem(
          "Connector '"
              + connector
              + "' writes to index.name="
              + index
              + " and reads topics.regex: remap needs the topics listed in 'topics' to know every"
              + " index it moves");
    }
    if (!config.getOrDefault("topic.index.map", "").isBlank()) {
      return Result.problem(
          "Connector '"
              + connector
              + "' sets topic.index.map: several target indices are not supported by remap yet;"
              + " only one fixed index.name is (docs/remap.md, 'Not done yet')");
    }
    if (Boolean.parseBoolean(config.getOrDefault("data.stream.enabled", "false"))) {
      return Result.problem(
          "Connector '"
              + connector
              + "' writes a data stream (data.stream.enabled=true): remap supports indices only"
              + " for now");
    }
    if (Boolean.parseBoolean(config.getOrDefault("mapping.write.alias.bootstrap", "false"))) {
      return Result.problem(
          "Connector '"
              + connector
              + "' writes through a bootstrapped write alias (mapping.write.alias.bootstrap=true):"
              + " roll that layout with the write alias as the sink's README says; remap supports"
              + " a fixed index name only for now");
    }
    if (alias.equals(index)) {
      return Result.problem(
          "Connector '"
              + connector
              + "': mapping.read.alias and index.name are both '"
              + index
              + "'; give the read alias a name of its own");
    }
    int priority;
    try {
      priority =
          Integer.parseInt(
              config
                  .getOrDefault(
                      "mapping.template.priority", Integer.toString(DEFAULT_TEMPLATE_PRIORITY))
                  .strip());
    } catch (NumberFormatException e) {
      priority = DEFAULT_TEMPLATE_PRIORITY;
    }
    String template = config.getOrDefault("mapping.template.name", DEFAULT_TEMPLATE_NAME).strip();
    return new Result(
        Optional.of(
            new Layout(
                connector,
                index,
                topics,
                alias,
                template.isEmpty() ? DEFAULT_TEMPLATE_NAME : template,
                priority)),
        Optional.empty());
  }

  /** A layout, or why there is none. */
  public record Result(Optional<Layout> layout, Optional<String> problem) {
    static Result problem(String why) {
      return new Result(Optional.empty(), Optional.of(why));
    }
  }

  /**
   * The configuration of the connector that writes version {@code version}: the old one's, with its
   * own index, its own inline template (its exact index names as patterns, priority above the old
   * one's so the engine picks it for the new index) and no read alias while it replays (readers
   * would otherwise see both versions). A consumer override of {@code auto.offset.reset} is
   * dropped: a new connector is a new consumer group, which Connect starts at the earliest offset.
   */
  public static Map<String, String> nextConfig(
      Layout from, Map<String, String> fromConfig, int version, String templateJson) {
    Map<String, String> c = new java.util.TreeMap<>(fromConfig);
    c.remove("name");
    c.remove("mapping.read.alias");
    c.remove("consumer.override.auto.offset.reset");
    c.remove("mapping.template.file");
    c.put("index.name", from.indexName().at(version));
    c.put("mapping.template.mode", "inline");
    c.put("mapping.template.inline", templateJson);
    c.put("mapping.template.name", parse(from.templateName()).at(version));
    c.put("mapping.template.patterns", String.join(",", from.indicesAt(version)));
    c.put("mapping.template.priority", Integer.toString(from.priority() + 1));
    return c;
  }

  /** {@code config} without its read alias: how a connector replays before the switch. */
  public static Map<String, String> withoutReadAlias(Map<String, String> config) {
    Map<String, String> c = new java.util.TreeMap<>(config);
    c.remove("mapping.read.alias");
    c.remove("name");
    return c;
  }

  /** {@code config} with the read alias: how a connector runs once readers read its version. */
  public static Map<String, String> withReadAlias(Map<String, String> config, String alias) {
    Map<String, String> c = new java.util.TreeMap<>(config);
    c.put("mapping.read.alias", alias);
    c.remove("name");
    return c;
  }
}
