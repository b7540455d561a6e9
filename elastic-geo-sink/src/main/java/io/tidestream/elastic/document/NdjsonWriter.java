package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tidestream.elastic.config.TimeFormat;
import io.tidestream.elastic.config.WriteMethod;
import io.tidestream.elastic.geo.GeoPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes bulk NDJSON lines (action line, then source line) straight from Connect values with one
 * reused Jackson streaming generator: no intermediate tree, no second serialisation. Not
 * thread-safe; each task owns one.
 */
public final class NdjsonWriter {

  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ISO_LOCAL_TIME;

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
  private final JsonFactory factory;
  private JsonGenerator gen;
  private final TimeFormat timeFormat;
  private final String geoField;
  private final String geoFieldRawPrefix;
  private final byte[] geoFieldRawPrefixBytes;
  private String routing;

  /** The field a data stream's documents carry their time in. */
  public static final String TIMESTAMP_FIELD = "@timestamp";

  /** {@link #TIMESTAMP_FIELD}'s time for the next document, or {@code Long.MIN_VALUE}. */
  private long timestamp = Long.MIN_VALUE;

  /** The action of a record with a value: index, update (upsert) or create. */
  private final String action;

  private final boolean upsert;

  public NdjsonWriter(JsonFactory factory, TimeFormat timeFormat, String geoField) {
    this(factory, timeFormat, geoField, WriteMethod.INDEX);
  }

  /**
   * Writes {@code method}'s action for records with a value: {@code index}, {@code create}, or
   * {@code update} whose source is wrapped as {@code {"doc":…,"doc_as_upsert":true}}.
   */
  public NdjsonWriter(
      JsonFactory factory, TimeFormat timeFormat, String geoField, WriteMethod method) {
    this.action =
        switch (method) {
          case INDEX -> "index";
          case UPSERT -> "update";
          case CREATE -> "create";
        };
    this.upsert = method == WriteMethod.UPSERT;
    this.factory = factory;
    recover();
    this.timeFormat = timeFormat;
    this.geoField = geoField;
    this.geoFieldRawPrefix =
        ",\""
            + new String(JsonStringEncoder.getInstance().quoteAsString(geoField))
            + "\":{\"lat\":";
    this.geoFieldRawPrefixBytes = geoFieldRawPrefix.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The next document gets {@code "@timestamp"} with this time (data streams), in place of a field
   * of that name in the value.
   */
  public void timestamp(long millis) {
    this.timestamp = millis;
  }

  /**
   * The {@code routing} of the next action line only ({@code document.routing.field}); the line
   * after it has none unless set again.
   */
  public void routing(String routing) {
    this.routing = routing;
  }

  /** Starts over with a fresh generator after a document failed half-way. */
  public void recover() {
    timestamp = Long.MIN_VALUE;
    routing = null;
    buffer.reset();
    try {
      gen = factory.createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gen.setRootValueSeparator(null);
  }

  /** Lines for an index action whose source is a Struct. */
  public byte[] indexStruct(String index, String id, Struct value, GeoPoint geo)
      throws IOException {
    actionLine(action, index, id);
    openSource();
    gen.writeStartObject();
    for (Field field : value.schema().fields()) {
      if ((geo != null && field.name().equals(geoField)) || replacedTimestamp(field.name())) {
        continue;
      }
      gen.writeFieldName(field.name());
      writeConnectValue(field.schema(), value.get(field));
    }
    writeTimestamp();
    if (geo != null) {
      writeGeo(geo);
    }
    gen.writeEndObject();
    closeSource();
    return finish(true);
  }

  /** Lines for an index action whose source is a schemaless map. */
  public byte[] indexMap(String index, String id, Map<?, ?> value, GeoPoint geo)
      throws IOException {
    actionLine(action, index, id);
    openSource();
    gen.writeStartObject();
    for (Map.Entry<?, ?> e : value.entrySet()) {
      String name = String.valueOf(e.getKey());
      if ((geo != null && name.equals(geoField)) || replacedTimestamp(name)) {
        continue;
      }
      gen.writeFieldName(name);
      writeSchemaless(e.getValue());
    }
    writeTimestamp();
    if (geo != null) {
      writeGeo(geo);
    }
    gen.writeEndObject();
    closeSource();
    return finish(true);
  }

  /**
   * Lines for an index action whose source is the original JSON text, copied as it is; the geo
   * point is spliced in before the closing brace. Use only for a single-line JSON object that is
   * known to be valid, non-empty and to lack the geo field.
   */
  public byte[] indexRawJson(String index, String id, String json, GeoPoint geo)
      throws IOException {
    actionLine(action, index, id);
    openSource();
    gen.flush();
    if (geo == null && timestamp == Long.MIN_VALUE) {
      gen.writeRaw(json.trim());
    } else {
      int close = json.lastIndexOf('}');
      gen.writeRaw(json, 0, close);
      gen.flush();
      spliceTimestamp();
      if (geo != null) {
        gen.writeRaw(geoFieldRawPrefix);
        gen.writeRaw(Double.toString(geo.lat()));
        gen.writeRaw(",\"lon\":");
        gen.writeRaw(Double.toString(geo.lon()));
        gen.writeRaw("}");
      }
      gen.writeRaw("}");
    }
    closeSource();
    return finish(true);
  }

  /**
   * Lines for an index action whose source is a raw value's byte range, copied as it is: its
   * Timestamps rewritten per {@code document.time.format} and the geo point spliced in before the
   * closing brace. Use only for what {@link RawJsonReader} found copyable.
   */
  public byte[] indexRaw(String index, String id, RawSource source, GeoPoint geo)
      throws IOException {
    actionLine(action, index, id);
    openSource();
    gen.flush();
    byte[] b = source.bytes;
    int at = source.start;
    boolean splice = geo != null || timestamp != Long.MIN_VALUE;
    int close = splice ? source.end - 1 : source.end;
    for (int i = 0; i < source.rewrites; i++) {
      buffer.write(b, at, source.rewriteStart[i] - at);
      IsoMillis.appendQuoted(buffer, source.rewriteMillis[i]);
      at = source.rewriteEnd[i];
    }
    buffer.write(b, at, close - at);
    spliceTimestamp();
    if (geo != null) {
      buffer.write(geoFieldRawPrefixBytes);
      writeAscii(Double.toString(geo.lat()));
      writeAscii(",\"lon\":");
      writeAscii(Double.toString(geo.lon()));
      buffer.append('}');
    }
    if (splice) {
      buffer.append('}');
    }
    closeSource();
    return finish(true);
  }

  private void writeAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      buffer.append(text.charAt(i));
    }
  }

  /** The line for a delete action. */
  public byte[] delete(String index, String id) throws IOException {
    actionLine("delete", index, id);
    return finish(false);
  }

  /** True when the value's own {@code @timestamp} field gives way to the one written here. */
  private boolean replacedTimestamp(String field) {
    return timestamp != Long.MIN_VALUE && field.equals(TIMESTAMP_FIELD);
  }

  /** Writes {@code ,"@timestamp":"…"} into the buffer; the generator must be flushed. */
  private void spliceTimestamp() {
    if (timestamp != Long.MIN_VALUE) {
      writeAscii(",\"" + TIMESTAMP_FIELD + "\":");
      IsoMillis.appendQuoted(buffer, timestamp);
    }
  }

  /** A generator-written document's {@code @timestamp} field. */
  private void writeTimestamp() throws IOException {
    if (timestamp != Long.MIN_VALUE) {
      gen.writeFieldName(TIMESTAMP_FIELD);
      ByteArrayBuilder text = new ByteArrayBuilder(32);
      IsoMillis.appendQuoted(text, timestamp); // the same text as the raw paths splice in
      gen.writeRawValue(new String(text.toByteArray(), StandardCharsets.US_ASCII));
    }
  }

  /** An upsert's source is the document under "doc"; written raw, the generator is at its root. */
  private void openSource() throws IOException {
    if (upsert) {
      gen.writeRaw("{\"doc\":");
    }
  }

  private void closeSource() throws IOException {
    if (upsert) {
      gen.writeRaw(",\"doc_as_upsert\":true}");
    }
  }

  private void actionLine(String action, String index, String id) throws IOException {
    buffer.reset();
    gen.writeStartObject();
    gen.writeObjectFieldStart(action);
    gen.writeStringField("_index", index);
    if (id != null) {
      gen.writeStringField("_id", id);
    }
    if (routing != null) {
      gen.writeStringField("routing", routing);
      routing = null;
    }
    gen.writeEndObject();
    gen.writeEndObject();
    gen.writeRaw('\n');
  }

  private byte[] finish(boolean hasSource) throws IOException {
    timestamp = Long.MIN_VALUE;
    if (hasSource) {
      gen.writeRaw('\n');
    }
    gen.flush();
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    return bytes;
  }

  private void writeGeo(GeoPoint geo) throws IOException {
    gen.writeFieldName(geoField);
    gen.writeStartObject();
    gen.writeNumberField("lat", geo.lat());
    gen.writeNumberField("lon", geo.lon());
    gen.writeEndObject();
  }

  private void writeConnectValue(Schema schema, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
      return;
    }
    String logical = schema.name();
    if (logical != null) {
      switch (logical) {
        case Timestamp.LOGICAL_NAME -> {
          writeTime((Date) value);
          return;
        }
        case org.apache.kafka.connect.data.Date.LOGICAL_NAME -> {
          gen.writeString(
              ((Date) value).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
          return;
        }
        case Time.LOGICAL_NAME -> {
          gen.writeString(
              LOCAL_TIME.format(
                  ((Date) value).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalTime()));
          return;
        }
        case Decimal.LOGICAL_NAME -> {
          gen.writeNumber((BigDecimal) value);
          return;
        }
        default -> {
          // fall through to the physical type
        }
      }
    }
    switch (schema.type()) {
      case INT8, INT16, INT32, INT64 -> gen.writeNumber(((Number) value).longValue());
      case FLOAT32 -> gen.writeNumber((Float) value);
      case FLOAT64 -> gen.writeNumber((Double) value);
      case BOOLEAN -> gen.writeBoolean((Boolean) value);
      case STRING -> gen.writeString((String) value);
      case BYTES -> writeBytes(value);
      case ARRAY -> {
        gen.writeStartArray();
        for (Object element : (Collection<?>) value) {
          writeConnectValue(schema.valueSchema(), element);
        }
        gen.writeEndArray();
      }
      case MAP -> {
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          gen.writeFieldName(String.valueOf(e.getKey()));
          writeConnectValue(schema.valueSchema(), e.getValue());
        }
        gen.writeEndObject();
      }
      case STRUCT -> {
        Struct struct = (Struct) value;
        gen.writeStartObject();
        for (Field field : struct.schema().fields()) {
          gen.writeFieldName(field.name());
          writeConnectValue(field.schema(), struct.get(field));
        }
        gen.writeEndObject();
      }
      default -> gen.writeString(value.toString());
    }
  }

  private void writeSchemaless(Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      gen.writeNumber(d);
    } else if (value instanceof Float f) {
      gen.writeNumber(f);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        writeSchemaless(e.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      gen.writeStartArray();
      for (Object element : list) {
        writeSchemaless(element);
      }
      gen.writeEndArray();
    } else if (value instanceof BigDecimal bd) {
      gen.writeNumber(bd);
    } else if (value instanceof BigInteger bi) {
      gen.writeNumber(bi);
    } else if (value instanceof Date date) {
      writeTime(date);
    } else if (value instanceof Struct struct) {
      writeConnectValue(struct.schema(), struct);
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      writeBytes(value);
    } else {
      gen.writeString(value.toString());
    }
  }

  private void writeBytes(Object value) throws IOException {
    if (value instanceof ByteBuffer bb) {
      byte[] copy = new byte[bb.remaining()];
      bb.duplicate().get(copy);
      gen.writeBinary(copy);
    } else {
      gen.writeBinary((byte[]) value);
    }
  }

  private void writeTime(Date date) throws IOException {
    if (timeFormat == TimeFormat.EPOCH_MILLIS) {
      gen.writeNumber(date.getTime());
    } else {
      gen.writeString(DateTimeFormatter.ISO_INSTANT.format(date.toInstant()));
    }
  }
}
