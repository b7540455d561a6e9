package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ID_STRATEGY;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.ConfigValues;
import io.tidestream.elastic.document.IndexNameTemplate;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

/** The Write semantics group: which bulk action a record becomes, and its cross-field rules. */
public final class WriteConfigs {

  public static final String WRITE_METHOD = "write.method";
  public static final String DATA_STREAM_ENABLED = "data.stream.enabled";
  public static final String DATA_STREAM_TIMESTAMP_FIELD = "data.stream.timestamp.field";

  static final String GROUP_WRITE = "Write semantics";

  private WriteConfigs() {}

  static void addWriteConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator methods = ChoiceValidator.of(WriteMethod.class);
    def.define(
            WRITE_METHOD,
            Type.STRING,
            ChoiceValidator.toConfigValue(WriteMethod.INDEX),
            methods,
            Importance.HIGH,
            "The bulk action each record becomes. index: the record replaces the whole document"
                + " with its id. upsert: the record's fields are merged into the document (a"
                + " partial update: fields the record lacks keep their value), which is made if it"
                + " does not exist. create: the first record with an id makes the document; a later"
                + " one with the same id is a version conflict that counts as done, not"
                + " dead-lettered. upsert and create need ids from the record ("
                + ID_STRATEGY
                + " other than engine). Versions of one id are written one at a time, in record"
                + " order. Tombstones follow behavior.on.null.values.",
            GROUP_WRITE,
            ++order,
            Width.SHORT,
            "Write method",
            methods)
        .define(
            DATA_STREAM_ENABLED,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Write to a data stream: index.name names the data stream (no date placeholders), every"
                + " record becomes a create action with the record time as @timestamp, and the"
                + " index template is installed with a data_stream block. Data streams are"
                + " append-only, so write.method=upsert, behavior.on.null.values=delete,"
                + " mapping.write.alias.bootstrap and mapping.read.alias are refused.",
            GROUP_WRITE,
            ++order,
            Width.SHORT,
            "Data stream")
        .define(
            DATA_STREAM_TIMESTAMP_FIELD,
            Type.STRING,
            "",
            ConfigValidators.path(true),
            Importance.LOW,
            "With "
                + DATA_STREAM_ENABLED
                + ": dotted path of the value field whose time (a Timestamp, epoch milliseconds or"
                + " ISO-8601 text) becomes the document's @timestamp. Empty, or a record without"
                + " it: the Kafka record timestamp. A value's own @timestamp field is replaced by"
                + " that time (whatever the converter: Struct, Map, JSON text or raw bytes), so a"
                + " document never holds it twice. @timestamp itself: the value's own field is the"
                + " time and is left as it is.",
            GROUP_WRITE,
            ++order,
            Width.MEDIUM,
            "Data stream timestamp field");
  }

  /** The cross-field rules of this group, run by {@link ConfigChecks#crossField}. */
  static void check(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    if (config.dataStreamEnabled()) {
      checkDataStream(config, values);
    }
    WriteMethod method = config.writeMethod();
    if (method != WriteMethod.INDEX && config.idStrategy() == IdStrategy.ENGINE) {
      String name = ChoiceValidator.toConfigValue(method);
      ConfigValues.addError(
          values,
          WRITE_METHOD,
          WRITE_METHOD
              + "="
              + name
              + " needs a document id taken from the record, but "
              + ID_STRATEGY
              + "=engine lets the engine invent one per write, so there is nothing to "
              + (method == WriteMethod.UPSERT ? "update" : "detect as already there")
              + "; set "
              + ID_STRATEGY
              + " to record-fields (with document.id.fields), record-key or kafka-coordinates,"
              + " or "
              + WRITE_METHOD
              + "=index");
    }
  }

  private static void checkDataStream(
      ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    String appendOnly = "A data stream is append-only (" + DATA_STREAM_ENABLED + "=true): ";
    if (config.writeMethod() == WriteMethod.UPSERT) {
      ConfigValues.addError(
          values,
          WRITE_METHOD,
          appendOnly
              + "it takes no updates; set "
              + WRITE_METHOD
              + "=create (or index: both become create actions), or "
              + DATA_STREAM_ENABLED
              + "=false");
    }
    if (config.nullValues() == NullValueBehavior.DELETE) {
      ConfigValues.addError(
          values,
          ElasticGeoSinkConfig.NULL_VALUES,
          appendOnly
              + "a tombstone cannot delete from it; set behavior.on.null.values=ignore or fail, or "
              + DATA_STREAM_ENABLED
              + "=false");
    }
    if (config.indexName() != null && config.indexName().usesTime()) {
      ConfigValues.addError(
          values,
          ElasticGeoSinkConfig.INDEX_NAME,
          "With "
              + DATA_STREAM_ENABLED
              + "=true index.name names the data stream, which rolls over by itself; remove the"
              + " date placeholders, e.g. index.name=tides or index.name=${topic}");
    }
    if (config.topicIndexMap().values().stream().anyMatch(IndexNameTemplate::usesTime)) {
      ConfigValues.addError(
          values,
          ElasticGeoSinkConfig.TOPIC_INDEX_MAP,
          "With "
              + DATA_STREAM_ENABLED
              + "=true the targets of topic.index.map name data streams, which roll over by"
              + " themselves; remove the date placeholders from them");
    }
    if (config.writeAliasBootstrap()) {
      ConfigValues.addError(
          values,
          ElasticGeoSinkConfig.WRITE_ALIAS_BOOTSTRAP,
          "A data stream has its own write index; set mapping.write.alias.bootstrap=false or "
              + DATA_STREAM_ENABLED
              + "=false");
    }
    if (config.readAlias() != null) {
      ConfigValues.addError(
          values,
          ElasticGeoSinkConfig.READ_ALIAS,
          "A data stream template cannot carry an alias; remove mapping.read.alias (search the"
              + " data stream by its name) or set "
              + DATA_STREAM_ENABLED
              + "=false");
    }
  }
}
