package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.DOCUMENT_MAX_BYTES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_DOCUMENT;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ID_FIELDS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ID_STRATEGY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INDEX_NAME;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.INDEX_TIME_FIELD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.NULL_VALUES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TIME_FORMAT;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.UNKNOWN_ERROR_ACTION;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Documents group: index name, document ids, tombstones, time format, size limit. */
final class DocumentConfigs {

  private DocumentConfigs() {}

  static void addDocumentConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator ids = ChoiceValidator.of(IdStrategy.class);
    ChoiceValidator nulls = ChoiceValidator.of(NullValueBehavior.class);
    ChoiceValidator times = ChoiceValidator.of(TimeFormat.class);
    def.define(
            INDEX_NAME,
            Type.STRING,
            "${topic}",
            ConfigValidators.indexName(),
            Importance.HIGH,
            "Index (or alias) to write to. Placeholders: ${topic} and date patterns in UTC from the"
                + " record time, e.g. tides-${yyyy.MM} or tides-${yyyy.MM.dd}. A name without"
                + " placeholders is a fixed index or alias. Topics in topic.index.map use their"
                + " own target instead; empty: only those topics have a target.",
            GROUP_DOCUMENT,
            ++order,
            Width.LONG,
            "Index name")
        .define(
            INDEX_TIME_FIELD,
            Type.STRING,
            "",
            ConfigValidators.path(true),
            Importance.LOW,
            "Dotted path of the value field whose time fills the date placeholders of "
                + INDEX_NAME
                + " (a Timestamp, epoch milliseconds or ISO-8601 text). Empty: the Kafka record"
                + " timestamp.",
            GROUP_DOCUMENT,
            ++order,
            Width.MEDIUM,
            "Index time field")
        .define(
            ID_STRATEGY,
            Type.STRING,
            ChoiceValidator.toConfigValue(IdStrategy.RECORD_FIELDS),
            ids,
            Importance.HIGH,
            "Document id: record-fields joins the values of "
                + ID_FIELDS
                + " with '|' so a replay overwrites instead of duplicating; record-key uses the"
                + " record key (a string or number as its text, a struct's field values in schema"
                + " order or a map's values in key order joined with '|'; a record without a key"
                + " is dead-lettered as missing_record_key); kafka-coordinates uses"
                + " topic+partition+offset; engine lets the engine assign ids (a replay"
                + " duplicates).",
            GROUP_DOCUMENT,
            ++order,
            Width.MEDIUM,
            "Id strategy",
            ids)
        .define(
            ID_FIELDS,
            Type.LIST,
            "station_id,product,time",
            ConfigValidators.paths(),
            Importance.MEDIUM,
            "Dotted paths of the value fields whose values make the document id (with"
                + " record-fields). A record missing one of them is dead-lettered.",
            GROUP_DOCUMENT,
            ++order,
            Width.LONG,
            "Id fields")
        .define(
            NULL_VALUES,
            Type.STRING,
            ChoiceValidator.toConfigValue(NullValueBehavior.IGNORE),
            nulls,
            Importance.MEDIUM,
            "What a tombstone (null value) does: delete the document whose id comes from the record"
                + " key (a string key is the id; a struct or map key gives the id fields, or with"
                + " document.id.strategy=record-key the same id as the key's records), ignore it,"
                + " or fail: stop the task with an error naming the record.",
            GROUP_DOCUMENT,
            ++order,
            Width.SHORT,
            "Tombstones",
            nulls)
        .define(
            TIME_FORMAT,
            Type.STRING,
            ChoiceValidator.toConfigValue(TimeFormat.ISO_8601),
            times,
            Importance.LOW,
            "How Connect Timestamp values are written: iso-8601 (UTC, e.g. 2015-01-01T00:06:00Z) or"
                + " epoch-millis.",
            GROUP_DOCUMENT,
            ++order,
            Width.SHORT,
            "Time format",
            times)
        .define(
            DOCUMENT_MAX_BYTES,
            Type.LONG,
            1_048_576L,
            ConfigValidators.sizeOrOff(),
            Importance.MEDIUM,
            "Largest document (its JSON source) the sink sends, in bytes; -1 sends any size. A"
                + " larger one, and a value beyond the JSON parser's limits (nesting depth, number"
                + " or string length), is not sent but handled as "
                + UNKNOWN_ERROR_ACTION
                + " says (dead-letter by default) with reason type document_too_large and its size."
                + " A string value longer than the limit is refused before it is parsed. The"
                + " default matches the ~1 MiB that the worker's dead-letter producer"
                + " (max.request.size) and Kafka topics (max.message.bytes) accept by default, and"
                + " stays far below what a small engine survives: one 10 MB document can run an"
                + " engine with a 512 MB heap out of memory, again after every restart. A"
                + " time-series document is a few hundred bytes.",
            GROUP_DOCUMENT,
            ++order,
            Width.SHORT,
            "Max document size (bytes)");
  }
}
