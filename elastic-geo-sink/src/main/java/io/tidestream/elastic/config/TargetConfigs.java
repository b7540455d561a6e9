package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INDEX_NAME;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INGEST_PIPELINE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.NULL_VALUES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ROUTING_FIELD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TOPIC_INDEX_MAP;

import io.tidestream.common.config.ConfigValues;
import io.tidestream.elastic.document.IndexNameTemplate;
import io.tidestream.elastic.document.IndexTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The Targets group: where a record goes beyond {@code index.name}: a target per topic, the shard
 * routing from a record field, the ingest pipeline of every bulk request; and their cross-field
 * checks.
 */
final class TargetConfigs {

  static final String GROUP_TARGETS = "Targets";

  /** Pipeline ids the sink accepts: what goes safely into a URL path and query unescaped. */
  private static final Pattern PIPELINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  private TargetConfigs() {}

  static void addTargetConfigs(ConfigDef def) {
    int order = 0;
    def.define(
            TOPIC_INDEX_MAP,
            Type.LIST,
            "",
            new TopicIndexMapValidator(),
            Importance.MEDIUM,
            "Target per topic as topic:target pairs, comma-separated (the format of the key of"
                + " the same name in Confluent's and Aiven's sinks), e.g."
                + " noaa.water_level:tides,noaa.wind:wind-${yyyy.MM}. A target is an index, an"
                + " alias or a data stream and takes the placeholders of "
                + INDEX_NAME
                + ". A topic in the map goes to its target; other topics go to "
                + INDEX_NAME
                + ". With "
                + INDEX_NAME
                + " empty, every topic of 'topics' must be in the map.",
            GROUP_TARGETS,
            ++order,
            Width.LONG,
            "Topic to index map")
        .define(
            ROUTING_FIELD,
            Type.STRING,
            "",
            ConfigValidators.path(true),
            Importance.LOW,
            "Dotted path of the value field (a string or a number) whose value is the bulk"
                + " action's routing, e.g. station_id. A record without it, or with another type,"
                + " is handled as errors.unknown.action says (dead-letter by default) with reason"
                + " type missing_routing_field or invalid_routing_field. A tombstone delete takes"
                + " the routing from a struct or map key with that field. Empty: the engine's"
                + " default routing (by document id).",
            GROUP_TARGETS,
            ++order,
            Width.MEDIUM,
            "Routing field")
        .define(
            INGEST_PIPELINE,
            Type.STRING,
            "",
            new PipelineValidator(),
            Importance.LOW,
            "Ingest pipeline that processes every document: sent as the pipeline parameter of"
                + " each _bulk request. The sink checks at start (and in validation) that it"
                + " exists. Empty: none (an index's index.default_pipeline still applies).",
            GROUP_TARGETS,
            ++order,
            Width.MEDIUM,
            "Ingest pipeline");
  }

  /** Each entry topic:target, no topic twice, targets valid index names. */
  static final class TopicIndexMapValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      List<?> list = value == null ? List.of() : (List<?>) value;
      List<String> entries = new ArrayList<>();
      list.forEach(e -> entries.add(String.valueOf(e)));
      try {
        IndexTargets.parseMap(entries);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "topic:target pairs, comma-separated";
    }
  }

  /** Blank, or a pipeline id. */
  static final class PipelineValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString().trim();
      if (!text.isEmpty() && !PIPELINE.matcher(text).matches()) {
        throw new ConfigException(
            name,
            value,
            "a pipeline id must start with a letter or digit and hold only letters, digits and"
                + " . _ @ -");
      }
    }

    @Override
    public String toString() {
      return "an ingest pipeline id, e.g. tides-enrich";
    }
  }

  static Map<String, IndexNameTemplate> topicIndexMap(ElasticGeoSinkConfig config) {
    return IndexTargets.parseMap(config.getList(TOPIC_INDEX_MAP));
  }

  /** The topics listed in 'topics' (empty with topics.regex). */
  static List<String> listedTopics(ElasticGeoSinkConfig config) {
    Object topics = config.originals().get("topics");
    if (topics == null || topics.toString().isBlank()) {
      return List.of();
    }
    List<String> listed = new ArrayList<>();
    for (String topic : topics.toString().split(",")) {
      if (!topic.isBlank()) {
        listed.add(topic.trim());
      }
    }
    return listed;
  }

  /** validate()'s rules for the targets; each message on the key to fix. */
  static void check(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    Map<String, IndexNameTemplate> map = config.topicIndexMap();
    if (config.indexName() == null) {
      Object regex = config.originals().get("topics.regex");
      if (regex != null && !regex.toString().isBlank()) {
        ConfigValues.addError(
            values,
            TOPIC_INDEX_MAP,
            INDEX_NAME
                + " is empty, so only topics in "
                + TOPIC_INDEX_MAP
                + " have a target, but topics.regex may match others; set "
                + INDEX_NAME
                + " (e.g. ${topic}) for them");
      }
      List<String> without =
          listedTopics(config).stream().filter(t -> !map.containsKey(t)).distinct().toList();
      if (!without.isEmpty()) {
        ConfigValues.addError(
            values,
            TOPIC_INDEX_MAP,
            "topic"
                + (without.size() > 1 ? "s " : " ")
                + String.join(", ", without.stream().map(t -> "'" + t + "'").toList())
                + " of 'topics' "
                + (without.size() > 1 ? "have" : "has")
                + " no target: "
                + INDEX_NAME
                + " is empty and "
                + TOPIC_INDEX_MAP
                + " does not map "
                + (without.size() > 1 ? "them" : "it")
                + "; add '"
                + without.get(0)
                + ":<index>' to "
                + TOPIC_INDEX_MAP
                + " or set "
                + INDEX_NAME);
      }
    }
    if (config.nullValues() == NullValueBehavior.DELETE) {
      List<String> timed =
          map.entrySet().stream()
              .filter(e -> e.getValue().usesTime())
              .map(e -> e.getKey() + ":" + e.getValue())
              .toList();
      if (!timed.isEmpty()) {
        ConfigValues.addError(
            values,
            TOPIC_INDEX_MAP,
            "A tombstone carries no observation time, so a delete cannot find its document in a"
                + " time-based target ("
                + String.join(", ", timed)
                + "); map the topic to a fixed index or alias, or set "
                + NULL_VALUES
                + "=ignore");
      }
    }
  }
}
