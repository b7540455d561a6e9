package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.IdStrategy;
import io.tidestream.elastic.config.NullValueBehavior;
import io.tidestream.elastic.config.RecordFailureAction;
import io.tidestream.elastic.filter.ErrorPayloadFilter;
import io.tidestream.elastic.filter.ErrorPredicate;
import io.tidestream.elastic.geo.GeoPoint;
import io.tidestream.elastic.geo.GeoPointExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns one {@link SinkRecord} into a bulk action, or says why it cannot be indexed: error payload
 * filter → geo point → id → index name → NDJSON bytes. Not thread-safe; each task owns one.
 */
public final class DocumentFactory {

  /** Stage names used in dead-letter headers. */
  public static final String STAGE_FILTER = "filter";

  public static final String STAGE_GEO = "geo";
  public static final String STAGE_DOCUMENT = "document";

  /** Everything the factory needs, already parsed from configuration. */
  public record Settings(
      IndexTargets targets,
      RecordTime recordTime,
      IdStrategy idStrategy,
      DocumentIds ids,
      NullValueBehavior nullValues,
      GeoPointExtractor geo,
      RecordFailureAction geoMissingAction,
      RecordFailureAction geoInvalidAction,
      ErrorPayloadFilter errorFilter,
      RecordFailureAction errorPayloadAction,
      RecordFailureAction nonJsonAction,
      RecordFailureAction documentAction,
      long maxDocumentBytes,
      DottedPath routingField,
      RecordTime dataStreamTime) {}

  /** Type of a tombstone that deletes nothing (ignored, or without a usable key). */
  public static final String TOMBSTONE = "tombstone";

  /**
   * Reason type of a document larger than {@code document.max.bytes} or beyond the JSON parser's
   * limits.
   */
  public static final String DOCUMENT_TOO_LARGE = "document_too_large";

  /** Reason type of a record without a usable key under {@code document.id.strategy=record-key}. */
  public static final String MISSING_RECORD_KEY = "missing_record_key";

  /** Reason type of a JsonConverter envelope whose payload does not match its schema. */
  public static final String INVALID_ENVELOPE = "invalid_envelope";

  private final Settings s;
  private final JsonText jsonText;
  private final NdjsonWriter writer;
  private final String geoField;
  private final RawJsonReader rawReader;
  private final EnvelopeConverter envelopes = new EnvelopeConverter();

  public DocumentFactory(
      Settings settings,
      JsonText jsonText,
      NdjsonWriter writer,
      String geoField,
      RawJsonReader rawReader) {
    this.s = settings;
    this.jsonText = jsonText;
    this.writer = writer;
    this.geoField = geoField;
    this.rawReader = rawReader;
  }

  /**
   * The top-level fields whose values the configuration reads: all a {@link RawJsonReader} needs to
   * keep of a raw value.
   */
  public static Set<String> neededFields(Settings settings) {
    Set<String> heads = new HashSet<>();
    if (settings.idStrategy() == IdStrategy.RECORD_FIELDS) {
      settings.ids().fields().forEach(f -> heads.add(f.head()));
    }
    if (settings.recordTime().field() != null) {
      heads.add(settings.recordTime().field().head());
    }
    if (settings.geo() != null) {
      heads.add(settings.geo().latPath().head());
      heads.add(settings.geo().lonPath().head());
    }
    settings.errorFilter().predicates().forEach(p -> heads.add(p.path().head()));
    if (settings.routingField() != null) {
      heads.add(settings.routingField().head());
    }
    if (settings.dataStreamTime() != null && settings.dataStreamTime().field() != null) {
      heads.add(settings.dataStreamTime().field().head());
    }
    return heads;
  }

  public Outcome build(SinkRecord record) {
    Object value = record.value();
    if (value == null) {
      return tombstone(record);
    }
    String rawJson = null;
    RawSource raw = null;
    if (value instanceof byte[] || value instanceof String) {
      Outcome tooLarge = tooLargeText(value);
      if (tooLarge != null) {
        return tooLarge;
      }
      byte[] bytes =
          value instanceof byte[] b ? b : ((String) value).getBytes(StandardCharsets.UTF_8);
      RawJsonReader.Route route = rawReader.read(bytes);
      if (route == RawJsonReader.Route.COPY) {
        raw = rawReader.source();
        value = raw.fields();
      } else if (route == RawJsonReader.Route.ENVELOPE) {
        try {
          value = envelopes.convert(record.topic(), bytes).value();
        } catch (EnvelopeConverter.NotConvertibleException e) {
          return new Outcome.Rejected(
              s.nonJsonAction(), STAGE_FILTER, INVALID_ENVELOPE, e.getMessage());
        }
        if (value == null) {
          return tombstone(record);
        }
      }
      // The text path: plain JSON the copy does not take, and an envelope whose payload is a
      // string (as before, a String value is read as JSON text: an HTML page is non_json_value).
      if (route == RawJsonReader.Route.TEXT
          || (route == RawJsonReader.Route.ENVELOPE && value instanceof String)) {
        String text = value instanceof String t ? t : Utf8.decode(bytes);
        if (text == null) {
          return new Outcome.Rejected(
              s.nonJsonAction(),
              STAGE_FILTER,
              "non_json_value",
              "value is not UTF-8 text, so not JSON; the sink reads byte[] values as UTF-8 JSON");
        }
        try {
          value = jsonText.parseObject(text);
        } catch (JsonText.NotJsonException e) {
          return new Outcome.Rejected(
              s.nonJsonAction(), STAGE_FILTER, "non_json_value", e.getMessage());
        } catch (JsonText.TooLargeException e) {
          return tooLarge(e.getMessage());
        }
        rawJson = text;
      }
    }
    if (!(value instanceof Map) && !(value instanceof Struct)) {
      return new Outcome.Rejected(
          s.nonJsonAction(),
          STAGE_FILTER,
          "unsupported_value_type",
          "value is a "
              + value.getClass().getSimpleName()
              + ", not a Struct, Map, JSON string or JSON bytes; use ByteArrayConverter,"
              + " JsonConverter, StringConverter or a schema-ful converter");
    }

    ErrorPredicate errorMatch = s.errorFilter().match(value);
    if (errorMatch != null) {
      return new Outcome.Rejected(
          s.errorPayloadAction(),
          STAGE_FILTER,
          "error_payload",
          "value is an error payload (" + errorMatch.describe() + ")");
    }

    GeoPoint point = null;
    if (s.geo() != null) {
      GeoPointExtractor.Result result = s.geo().extract(value);
      if (result instanceof GeoPointExtractor.Found found) {
        point = found.point();
      } else if (result instanceof GeoPointExtractor.Missing missing) {
        if (s.geoMissingAction() != RecordFailureAction.INDEX_WITHOUT_LOCATION) {
          return new Outcome.Rejected(
              s.geoMissingAction(), STAGE_GEO, "missing_coordinates", missing.reason());
        }
      } else if (result instanceof GeoPointExtractor.Invalid invalid) {
        if (s.geoInvalidAction() != RecordFailureAction.INDEX_WITHOUT_LOCATION) {
          return new Outcome.Rejected(
              s.geoInvalidAction(), STAGE_GEO, "invalid_coordinates", invalid.reason());
        }
      }
    }

    String id;
    switch (s.idStrategy()) {
      case RECORD_FIELDS -> {
        id = s.ids().idOf(value);
        if (id == null) {
          DottedPath missing = s.ids().firstMissing(value);
          return new Outcome.Rejected(
              s.documentAction(),
              STAGE_DOCUMENT,
              "missing_id_field",
              "id field '"
                  + missing
                  + "' is missing or null; fix the record or document.id.fields");
        }
      }
      case RECORD_KEY -> {
        id = KeyIds.idOf(record.key());
        if (id == null) {
          return new Outcome.Rejected(
              s.documentAction(),
              STAGE_DOCUMENT,
              MISSING_RECORD_KEY,
              "the record has no key (or an empty one), and document.id.strategy=record-key makes"
                  + " the key the document id; give the records a key or choose another"
                  + " document.id.strategy");
        }
      }
      case KAFKA_COORDINATES -> id = coordinatesId(record);
      default -> id = null;
    }

    IndexNameTemplate target = s.targets().forTopic(record.topic());
    if (target == null) {
      return noTarget(record);
    }
    String index;
    if (target.usesTime()) {
      long millis = s.recordTime().millis(value, record.timestamp());
      if (millis == Long.MIN_VALUE) {
        return new Outcome.Rejected(
            s.documentAction(),
            STAGE_DOCUMENT,
            "missing_record_time",
            "no time for the index name: the record has no timestamp and index.time.field is"
                + " absent");
      }
      index = target.render(record.topic(), millis);
    } else {
      index = target.render(record.topic(), 0L);
    }

    if (s.routingField() != null) {
      Outcome refused = route(s.routingField().lookup(value), "value");
      if (refused != null) {
        return refused;
      }
    }

    if (s.dataStreamTime() != null) {
      long timestamp = s.dataStreamTime().millis(value, record.timestamp());
      if (timestamp == Long.MIN_VALUE) {
        return new Outcome.Rejected(
            s.documentAction(),
            STAGE_DOCUMENT,
            "missing_record_time",
            "no time for the data stream's @timestamp: the record has no timestamp and"
                + " data.stream.timestamp.field is absent");
      }
      writer.timestamp(timestamp);
    }
    try {
      byte[] bytes;
      if (raw != null) {
        bytes = writer.indexRaw(index, id, raw, point);
      } else if (rawJson != null) {
        bytes =
            canSplice(rawJson, (Map<?, ?>) value, point)
                ? writer.indexRawJson(index, id, rawJson, point)
                : writer.indexMap(index, id, (Map<?, ?>) value, point);
      } else if (value instanceof Struct struct) {
        bytes = writer.indexStruct(index, id, struct, point);
      } else {
        bytes = writer.indexMap(index, id, (Map<?, ?>) value, point);
      }
      long sourceBytes = sourceLength(bytes);
      if (s.maxDocumentBytes() >= 0 && sourceBytes > s.maxDocumentBytes()) {
        return tooLarge(
            "the document is "
                + sourceBytes
                + " bytes, more than "
                + ElasticGeoSinkConfig.DOCUMENT_MAX_BYTES
                + " ("
                + s.maxDocumentBytes()
                + ")");
      }
      return new Outcome.Write(index, id, false, bytes);
    } catch (IOException | RuntimeException e) {
      writer.recover();
      StreamConstraintsException limit = JsonText.limitOf(e);
      if (limit != null) {
        return tooLarge(
            "the value exceeds a limit of the JSON writer: " + limit.getOriginalMessage());
      }
      return new Outcome.Rejected(
          s.documentAction(),
          STAGE_DOCUMENT,
          "serialization_error",
          "cannot write the value as JSON: " + e.getClass().getSimpleName());
    }
  }

  /**
   * A text or bytes value longer than the limit is too large without parsing it (UTF-8 takes at
   * least a byte per char); else null.
   */
  private Outcome tooLargeText(Object value) {
    long max = s.maxDocumentBytes();
    long size = value instanceof byte[] b ? b.length : ((String) value).length();
    if (max < 0 || size <= max) {
      return null;
    }
    return tooLarge(
        "the value is "
            + Utf8.sizeOf(value)
            + " bytes of JSON text, more than "
            + ElasticGeoSinkConfig.DOCUMENT_MAX_BYTES
            + " ("
            + max
            + ")");
  }

  private Outcome tooLarge(String reason) {
    return new Outcome.Rejected(s.documentAction(), STAGE_DOCUMENT, DOCUMENT_TOO_LARGE, reason);
  }

  /**
   * Bytes of the source line: all but the action line and the final newline (JSON text has no raw
   * newline).
   */
  private static long sourceLength(byte[] ndjson) {
    int actionEnd = 0;
    while (ndjson[actionEnd] != '\n') {
      actionEnd++;
    }
    return ndjson.length - actionEnd - 2L;
  }

  /** Raw text can be copied when it is one line, non-empty and has no field we would replace. */
  private boolean canSplice(String raw, Map<?, ?> parsed, GeoPoint point) {
    if (parsed.isEmpty()
        || raw.charAt(0) != '{'
        || raw.indexOf('\n') >= 0
        || raw.indexOf('\r') >= 0) {
      return false;
    }
    return (point == null || !parsed.containsKey(geoField))
        && (s.dataStreamTime() == null || !parsed.containsKey(NdjsonWriter.TIMESTAMP_FIELD));
  }

  private Outcome tombstone(SinkRecord record) {
    if (s.nullValues() == NullValueBehavior.IGNORE) {
      return new Outcome.Skip(TOMBSTONE, "tombstone ignored (behavior.on.null.values=ignore)");
    }
    if (s.nullValues() == NullValueBehavior.FAIL) {
      return new Outcome.Rejected(
          RecordFailureAction.FAIL,
          STAGE_DOCUMENT,
          TOMBSTONE,
          "tombstone (null value) and behavior.on.null.values=fail");
    }
    String id;
    Object key = record.key();
    if (s.idStrategy() == IdStrategy.RECORD_KEY) {
      id = KeyIds.idOf(key); // the same id as the key's records
      if (id == null) {
        return new Outcome.Skip(TOMBSTONE, "tombstone without a key");
      }
    } else if (s.idStrategy() != IdStrategy.RECORD_FIELDS || key == null) {
      return new Outcome.Skip(
          TOMBSTONE, "tombstone without a usable key for document.id.strategy=record-fields");
    } else if (key instanceof String k) {
      id = k;
    } else if (key instanceof Map || key instanceof Struct) {
      id = s.ids().idOf(key);
      if (id == null) {
        return new Outcome.Skip(TOMBSTONE, "tombstone key lacks the id fields");
      }
    } else {
      id = String.valueOf(key);
    }
    IndexNameTemplate target = s.targets().forTopic(record.topic());
    if (target == null) {
      return noTarget(record);
    }
    String index =
        target.render(record.topic(), record.timestamp() == null ? 0L : record.timestamp());
    if (s.routingField() != null) {
      // A tombstone has no value: its routing comes from the key (the same path), if it has one.
      Outcome refused =
          route(
              key instanceof Map || key instanceof Struct ? s.routingField().lookup(key) : null,
              "key");
      if (refused != null) {
        return refused;
      }
    }
    try {
      return new Outcome.Write(index, id, true, writer.delete(index, id));
    } catch (IOException | RuntimeException e) {
      writer.recover();
      return new Outcome.Rejected(
          s.documentAction(),
          STAGE_DOCUMENT,
          "serialization_error",
          "cannot write the delete action: " + e.getClass().getSimpleName());
    }
  }

  /** Reason type of a record whose value (or, for a tombstone, key) lacks the routing field. */
  public static final String MISSING_ROUTING_FIELD = "missing_routing_field";

  /** Reason type of a routing field that is neither a string nor a number. */
  public static final String INVALID_ROUTING_FIELD = "invalid_routing_field";

  /** Reason type of a record of a topic that neither topic.index.map nor index.name covers. */
  public static final String NO_TARGET_INDEX = "no_target_index";

  /**
   * Sets the routing of the next action line from {@code found} (read from the record's {@code
   * where}: "value" or "key"); null when it did, else why the record cannot be written.
   */
  private Outcome route(Object found, String where) {
    String routing = routingText(found);
    if (routing != null) {
      writer.routing(routing);
      return null;
    }
    if (found == null) {
      return new Outcome.Rejected(
          s.documentAction(),
          STAGE_DOCUMENT,
          MISSING_ROUTING_FIELD,
          "routing field '"
              + s.routingField()
              + "' is missing or null in the record's "
              + where
              + (where.equals("key")
                  ? " (a tombstone has no value; a delete takes its routing from a struct or map"
                      + " key with that field)"
                  : "")
              + "; fix the record or "
              + ElasticGeoSinkConfig.ROUTING_FIELD);
    }
    return new Outcome.Rejected(
        s.documentAction(),
        STAGE_DOCUMENT,
        INVALID_ROUTING_FIELD,
        "routing field '"
            + s.routingField()
            + "' is a "
            + found.getClass().getSimpleName()
            + (found instanceof String ? " that is empty" : "")
            + "; the routing must be a non-empty string or a number; fix the record or "
            + ElasticGeoSinkConfig.ROUTING_FIELD);
  }

  /** A string or number as routing text; null for anything else (and the empty string). */
  static String routingText(Object found) {
    if (found instanceof String text) {
      return text.isEmpty() ? null : text;
    }
    if (found instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (found instanceof Number number) {
      return number.toString();
    }
    return null;
  }

  private Outcome noTarget(SinkRecord record) {
    return new Outcome.Rejected(
        s.documentAction(),
        STAGE_DOCUMENT,
        NO_TARGET_INDEX,
        "topic '"
            + record.topic()
            + "' has no target index: it is not in "
            + ElasticGeoSinkConfig.TOPIC_INDEX_MAP
            + " and "
            + ElasticGeoSinkConfig.INDEX_NAME
            + " is empty; add '"
            + record.topic()
            + ":<index>' to "
            + ElasticGeoSinkConfig.TOPIC_INDEX_MAP
            + " or set "
            + ElasticGeoSinkConfig.INDEX_NAME);
  }

  static String coordinatesId(SinkRecord record) {
    return record.topic() + "+" + record.kafkaPartition() + "+" + record.kafkaOffset();
  }
}
