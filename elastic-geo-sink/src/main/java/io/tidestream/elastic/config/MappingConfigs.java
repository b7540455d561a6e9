package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_MAPPING;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INDEX_NAME;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INDEX_SETTINGS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.LIFECYCLE_POLICY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.READ_ALIAS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_FILE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_INLINE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_MODE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_NAME;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_PATTERNS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TEMPLATE_PRIORITY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.WRITE_ALIAS_BOOTSTRAP;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.elastic.document.IndexNameTemplate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Mapping group: the index template, index settings and aliases; and the template patterns
 * derived from the index name (read through {@link ElasticGeoSinkConfig#templatePatterns()}).
 */
final class MappingConfigs {

  private MappingConfigs() {}

  static void addMappingConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator modes = ChoiceValidator.of(TemplateMode.class);
    def.define(
            TEMPLATE_MODE,
            Type.STRING,
            ChoiceValidator.toConfigValue(TemplateMode.BUILTIN),
            modes,
            Importance.HIGH,
            "Index template installed (created or replaced) at start: builtin (mapping for"
                + " tidestream NOAA records: time date, value double,"
                + " station_name/station_id/product keyword, location geo_point), file, inline, or"
                + " none.",
            GROUP_MAPPING,
            ++order,
            Width.SHORT,
            "Template source",
            modes)
        .define(
            TEMPLATE_FILE,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "JSON file with the template (mode file): either a composable template"
                + " {\"index_patterns\":..,\"template\":{\"settings\":..,\"mappings\":..}} or just"
                + " {\"settings\":..,\"mappings\":..}.",
            GROUP_MAPPING,
            ++order,
            Width.LONG,
            "Template file")
        .define(
            TEMPLATE_INLINE,
            Type.STRING,
            null,
            ConfigValidators.jsonObject(),
            Importance.MEDIUM,
            "The template as JSON text (mode inline), in the same forms as " + TEMPLATE_FILE + ".",
            GROUP_MAPPING,
            ++order,
            Width.LONG,
            "Template JSON")
        .define(
            TEMPLATE_NAME,
            Type.STRING,
            "tidestream-geo",
            ConfigValidators.plainName(false),
            Importance.LOW,
            "Name of the installed index template.",
            GROUP_MAPPING,
            ++order,
            Width.MEDIUM,
            "Template name")
        .define(
            TEMPLATE_PATTERNS,
            Type.LIST,
            "",
            ConfigValidators.indexPatterns(),
            Importance.MEDIUM,
            "Index patterns the template applies to. Empty: derived from "
                + INDEX_NAME
                + " (tides-${yyyy.MM} gives tides-*; ${topic} gives one pattern per topic in"
                + " 'topics').",
            GROUP_MAPPING,
            ++order,
            Width.LONG,
            "Template patterns")
        .define(
            TEMPLATE_PRIORITY,
            Type.INT,
            200,
            Range.between(0, 1_000_000),
            Importance.LOW,
            "Priority of the composable template (Elasticsearch 7.8+/OpenSearch); the legacy order"
                + " on older Elasticsearch.",
            GROUP_MAPPING,
            ++order,
            Width.SHORT,
            "Template priority")
        .define(
            INDEX_SETTINGS,
            Type.STRING,
            "",
            ConfigValidators.jsonObject(),
            Importance.LOW,
            "Index settings as a JSON object merged into the template, e.g. "
                + "{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"5s\"}.",
            GROUP_MAPPING,
            ++order,
            Width.LONG,
            "Index settings")
        .define(
            READ_ALIAS,
            Type.STRING,
            "",
            ConfigValidators.plainName(true),
            Importance.MEDIUM,
            "Alias the template adds to every index it creates, so dashboards query one name across"
                + " monthly indices and across a mapping roll. Empty: none.",
            GROUP_MAPPING,
            ++order,
            Width.MEDIUM,
            "Read alias")
        .define(
            WRITE_ALIAS_BOOTSTRAP,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "With a fixed "
                + INDEX_NAME
                + ": when no index or alias of that name exists, create <name>-000001 with <name>"
                + " as its write alias, so a mapping change can later roll to <name>-000002 without"
                + " stopping the sink (see README).",
            GROUP_MAPPING,
            ++order,
            Width.SHORT,
            "Bootstrap write alias")
        .define(
            LIFECYCLE_POLICY,
            Type.STRING,
            "",
            ConfigValidators.policyName(),
            Importance.MEDIUM,
            "Lifecycle policy for every index the installed template makes (plain, time-based and"
                + " data stream backing indices). Elasticsearch: the template gets"
                + " index.lifecycle.name, and the ILM policy must exist. OpenSearch: ISM attaches a"
                + " policy to new indices only through the policy's own ism_template, so the"
                + " policy must exist and its ism_template.index_patterns must cover "
                + TEMPLATE_PATTERNS
                + "; validation and the task start check both and name the JSON to add. Needs"
                + " ILM (Elasticsearch's default distribution) or the ISM plugin, and a template"
                + " the sink installs (not "
                + TEMPLATE_MODE
                + "=none). Empty: none.",
            GROUP_MAPPING,
            ++order,
            Width.MEDIUM,
            "Lifecycle policy");
  }

  /** Explicit patterns, or the wildcard form of the index name. */
  static List<String> templatePatterns(ElasticGeoSinkConfig config) {
    List<String> explicit =
        config.getList(TEMPLATE_PATTERNS).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (!explicit.isEmpty()) {
      return explicit;
    }
    Set<String> patterns = new LinkedHashSet<>();
    Map<String, IndexNameTemplate> map = config.topicIndexMap();
    map.forEach((topic, target) -> patterns.add(pattern(target, topic)));
    IndexNameTemplate name = config.indexName();
    if (name == null) {
      return List.copyOf(patterns);
    }
    List<String> listed = TargetConfigs.listedTopics(config);
    List<String> unmapped = listed.stream().filter(t -> !map.containsKey(t)).toList();
    if (!listed.isEmpty() && unmapped.isEmpty()) {
      return List.copyOf(patterns); // every listed topic has its own target
    }
    if (name.isFixed()) {
      patterns.add(name + "*");
    } else if (name.usesTopic() && !unmapped.isEmpty()) {
      unmapped.forEach(topic -> patterns.add(pattern(name, topic)));
    } else {
      patterns.add(name.wildcardPattern());
    }
    return List.copyOf(patterns);
  }

  /** The pattern of {@code name}'s indices for {@code topic}: a fixed name gets a '*' suffix. */
  private static String pattern(IndexNameTemplate name, String topic) {
    String pattern = name.wildcardPattern(topic);
    return name.usesTime() ? pattern : pattern + "*";
  }

  /** Null when the template patterns are safe, else what is wrong and how to fix it. */
  static String templatePatternProblem(ElasticGeoSinkConfig config) {
    if (config.templateMode() == TemplateMode.NONE || !config.templatePatterns().contains("*")) {
      return null;
    }
    String source =
        config.topicIndexMap().values().stream().anyMatch(t -> t.wildcardPattern().equals("*"))
            ? "a target of topic.index.map"
            : "index.name '" + config.indexName() + "'";
    return source
        + " gives the template pattern '*', which would apply the template to every "
        + "index (system indices too); set "
        + TEMPLATE_PATTERNS
        + " explicitly, e.g. noaa.*, or list the topics in 'topics'";
  }
}
