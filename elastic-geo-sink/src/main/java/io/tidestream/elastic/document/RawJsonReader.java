package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tidestream.elastic.config.TimeFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;

/**
 * Reads a raw record value (UTF-8 JSON, as ByteArrayConverter or StringConverter hand it over) with
 * one streaming parser: no tree, no map, no Struct. It recognises Connect's JsonConverter envelope
 * (a top-level object of exactly {@code schema} and {@code payload}, in either order, the payload
 * an object, the schema possibly null) and plain JSON objects, keeps only the fields the
 * configuration needs ({@link RawSource#fields()}) and the byte range of the document's source, and
 * says which way the document is written ({@link Route}). It copies only what it can copy byte for
 * byte as the slower paths would write it; everything else takes one of them. Not thread-safe; each
 * task owns one.
 */
public final class RawJsonReader {

  /** How the document for a raw value is written. */
  public enum Route {
    /** Copy {@link RawSource}'s byte range (geo point spliced in, Timestamps rewritten). */
    COPY,
    /**
     * An envelope the copy cannot reproduce byte for byte (nested or logical types other than
     * Timestamp, defaults, escapes, whitespace, numbers not in JsonConverter's own form, fields not
     * in schema order, the geo target or the replaced field present): convert it with JsonConverter
     * (the Struct path).
     */
    ENVELOPE,
    /**
     * Not an envelope, and not copyable as it is (not valid JSON, not an object, trailing content,
     * beyond the parser's limits, empty, more than one line, leading whitespace, the geo target or
     * the replaced field present): the JSON text path, which writes it or says exactly what is
     * wrong.
     */
    TEXT
  }

  private static final byte[] HEAD = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD_KEY = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

  private final JsonFactory factory;
  private final ObjectReader subtrees;
  private final EnvelopeSchemas schemas;
  private final Set<String> needed;
  private final String geoField;
  private final String replacedField;
  private final boolean isoTime;
  private final RawSource source = new RawSource();
  private final NumberMemo memo = new NumberMemo();

  /** The schema bytes of the last canonical envelope, and what they say. */
  private byte[] lastSchemaBytes;

  private EnvelopeSchema lastSchema;

  /**
   * @param needed top-level fields whose values the configuration reads (ids, index time,
   *     coordinates, error predicates)
   * @param geoField the geo target field, or null when no geo point is spliced in
   */
  public RawJsonReader(
      ObjectMapper mapper, Set<String> needed, String geoField, TimeFormat timeFormat) {
    this(mapper, needed, geoField, null, timeFormat);
  }

  /**
   * @param replacedField a top-level field the document writer writes itself (a data stream's
   *     {@code @timestamp}), or null: a value that has it is not copied (the copy would hold it
   *     twice) but takes a path that leaves the value's own out
   */
  public RawJsonReader(
      ObjectMapper mapper,
      Set<String> needed,
      String geoField,
      String replacedField,
      TimeFormat timeFormat) {
    this.replacedField = replacedField;
    this.factory = mapper.getFactory();
    this.subtrees = mapper.readerFor(Object.class);
    this.schemas = new EnvelopeSchemas(mapper);
    this.needed = Set.copyOf(needed);
    this.geoField = geoField;
    this.isoTime = timeFormat != TimeFormat.EPOCH_MILLIS;
  }

  /** What the last {@link Route#COPY} read found; reused by the next read. */
  public RawSource source() {
    return source;
  }

  /** Reads {@code value}; never throws: what it cannot read, the slower paths judge. */
  public Route read(byte[] value) {
    source.reset(value);
    if (!JsonBytes.utf8Object(value)) {
      return Route.TEXT;
    }
    try {
      Route known = knownEnvelope(value);
      return known != null ? known : readAny(value);
    } catch (IOException e) {
      // Not JSON or beyond the parser's limits: the text path names the problem.
      return Route.TEXT;
    }
  }

  /** The common case without parsing the schema: JsonConverter's bytes, schema seen before. */
  private Route knownEnvelope(byte[] b) throws IOException {
    byte[] schema = lastSchemaBytes;
    if (schema == null) {
      return null;
    }
    int payloadKey = HEAD.length + schema.length;
    int payload = payloadKey + PAYLOAD_KEY.length;
    if (b.length <= payload
        || b[payload] != '{'
        || !Arrays.equals(b, 0, HEAD.length, HEAD, 0, HEAD.length)
        || !Arrays.equals(b, HEAD.length, payloadKey, schema, 0, schema.length)
        || !Arrays.equals(b, payloadKey, payload, PAYLOAD_KEY, 0, PAYLOAD_KEY.length)) {
      return null;
    }
    if (!lastSchema.copyable()) {
      return closesEnvelope(b, payload) ? Route.ENVELOPE : null;
    }
    return copyPayload(b, payload, b.length, lastSchema, true);
  }

  /** True when after the payload object at {@code from} comes only the envelope's closing brace. */
  private boolean closesEnvelope(byte[] b, int from) throws IOException {
    try (JsonParser p = factory.createParser(b, from, b.length - from)) {
      p.nextToken();
      p.skipChildren();
      return closes(b, from + (int) p.currentLocation().getByteOffset());
    }
  }

  /** True when {@code b} from {@code end} holds only the envelope's closing brace (and blanks). */
  private static boolean closes(byte[] b, int end) {
    int i = JsonBytes.skipBlank(b, end);
    return i < b.length && b[i] == '}' && JsonBytes.skipBlank(b, i + 1) == b.length;
  }

  private Route readAny(byte[] b) throws IOException {
    try (JsonParser p = factory.createParser(b)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
        return Route.TEXT;
      }
      String first = p.currentName();
      if (first.equals("schema") || first.equals("payload")) {
        Route envelope = envelope(p, b);
        if (envelope != null) {
          return envelope;
        }
      }
    }
    source.reset(b);
    try (JsonParser p = factory.createParser(b)) {
      p.nextToken();
      p.nextToken();
      return plain(p, b);
    }
  }

  /** An envelope's route, or null when {@code b} is not an envelope. */
  private Route envelope(JsonParser p, byte[] b) throws IOException {
    int schemaFrom = -1;
    int schemaTo = -1;
    int payloadFrom = -1;
    int payloadTo = -1;
    boolean schemaNull = false;
    boolean payloadObject = false;
    for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int from = (int) p.currentTokenLocation().getByteOffset();
      if (name.equals("schema") && schemaFrom < 0 && !schemaNull) {
        if (v == JsonToken.VALUE_NULL) {
          schemaNull = true;
          continue;
        }
        if (v != JsonToken.START_OBJECT) {
          return null;
        }
        p.skipChildren();
        schemaFrom = from;
        schemaTo = (int) p.currentLocation().getByteOffset();
      } else if (name.equals("payload") && payloadFrom < 0) {
        p.skipChildren(); // nothing to skip for a scalar
        payloadFrom = from;
        payloadTo = (int) p.currentLocation().getByteOffset();
        payloadObject = v == JsonToken.START_OBJECT;
      } else {
        return null;
      }
    }
    if (payloadFrom < 0 || (schemaFrom < 0 && !schemaNull)) {
      return null;
    }
    if (p.nextToken() != null) {
      return Route.TEXT; // trailing content: the text path says so
    }
    if (!payloadObject) {
      // a string, number, array or null payload: JsonConverter says what it is, as it did in the
      // worker (a string is then read as JSON text)
      return Route.ENVELOPE;
    }
    if (schemaNull) {
      try (JsonParser payload = factory.createParser(b, payloadFrom, payloadTo - payloadFrom)) {
        payload.nextToken();
        payload.nextToken();
        Route route = plainRange(payload, b, payloadFrom, payloadTo);
        return route == Route.COPY ? route : Route.ENVELOPE;
      }
    }
    EnvelopeSchema schema = schemas.get(b, schemaFrom, schemaTo);
    if (schemaFrom == HEAD.length
        && Arrays.equals(b, 0, HEAD.length, HEAD, 0, HEAD.length)
        && payloadFrom == schemaTo + PAYLOAD_KEY.length
        && Arrays.equals(b, schemaTo, payloadFrom, PAYLOAD_KEY, 0, PAYLOAD_KEY.length)) {
      lastSchemaBytes = Arrays.copyOfRange(b, schemaFrom, schemaTo);
      lastSchema = schema;
    }
    return schema.copyable()
        ? copyPayload(b, payloadFrom, payloadTo, schema, false)
        : Route.ENVELOPE;
  }

  /** A plain JSON value: copied when it is one line starting with its brace, as the text path. */
  private Route plain(JsonParser p, byte[] b) throws IOException {
    if (b[0] != '{' || JsonBytes.hasLineBreak(b, 0, b.length)) {
      return Route.TEXT;
    }
    if (fields(p) != Route.COPY) {
      return Route.TEXT;
    }
    int end = (int) p.currentLocation().getByteOffset();
    if (p.nextToken() != null) {
      return Route.TEXT; // trailing content: the text path says so
    }
    source.start = 0;
    source.end = end;
    return Route.COPY;
  }

  /** A plain JSON object at {@code b[from, to)} (a schemaless envelope's payload). */
  private Route plainRange(JsonParser p, byte[] b, int from, int to) throws IOException {
    if (JsonBytes.hasLineBreak(b, from, to)) {
      return Route.TEXT;
    }
    Route route = fields(p);
    source.start = from;
    source.end = to;
    return route;
  }

  /** Reads the fields of the object the parser is in (at its first field name). */
  private Route fields(JsonParser p) throws IOException {
    int count = 0;
    for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals(geoField) || name.equals(replacedField)) {
        return Route.TEXT; // the Map path drops it for the spliced point or @timestamp
      }
      if (needed.contains(name)) {
        source.put(name, value(p, v));
      } else if (v.isStructStart()) {
        p.skipChildren();
      }
      count++;
    }
    return count == 0 ? Route.TEXT : Route.COPY;
  }

  /** A value as the JSON text path's map holds it (Jackson's untyped values). */
  private Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case START_OBJECT, START_ARRAY -> subtrees.readValue(p);
      default -> null;
    };
  }

  /**
   * A payload whose schema the copy covers: fields exactly the schema's, in its order, each in the
   * form JsonConverter writes it; else {@link Route#ENVELOPE}. With {@code mustClose} the parser
   * reads on to the end of the value and the payload must be followed by the envelope's closing
   * brace alone (else null: not known to be an envelope).
   */
  private Route copyPayload(byte[] b, int from, int to, EnvelopeSchema schema, boolean mustClose)
      throws IOException {
    int end;
    try (JsonParser p = factory.createParser(b, from, to - from)) {
      p.nextToken();
      int i = 0;
      JsonToken t = p.nextToken();
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken(), i++) {
        String name = p.currentName();
        if (i >= schema.size()
            || !schema.name(i).equals(name)
            || name.equals(geoField)
            || name.equals(replacedField)) {
          break;
        }
        JsonToken v = p.nextToken();
        Object value = null;
        if (v != JsonToken.VALUE_NULL) {
          value = typed(p, v, schema.kind(i), i, from);
          if (value == null) {
            break;
          }
        } else if (!schema.optional(i)) {
          break;
        }
        if (needed.contains(name)) {
          source.put(name, value);
        }
      }
      if (t != JsonToken.END_OBJECT) {
        // Not copyable. Known to be an envelope unless the value still has to show it.
        return !mustClose || closesEnvelope(b, from) ? Route.ENVELOPE : null;
      }
      end = from + (int) p.currentLocation().getByteOffset();
      if (mustClose && !closes(b, end)) {
        return null;
      }
      if (i != schema.size() || i == 0) {
        return Route.ENVELOPE;
      }
    }
    if (!JsonBytes.compact(b, from, end)) {
      return Route.ENVELOPE;
    }
    source.start = from;
    source.end = end;
    return Route.COPY;
  }

  /** The Struct's value for a payload token, or null when the copy would not be exact. */
  private Object typed(JsonParser p, JsonToken t, EnvelopeSchema.Kind kind, int field, int offset)
      throws IOException {
    switch (kind) {
      case STRING:
        return t == JsonToken.VALUE_STRING ? p.getText() : null;
      case BOOLEAN:
        return t == JsonToken.VALUE_TRUE
            ? Boolean.TRUE
            : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
      case FLOAT64:
        return t == JsonToken.VALUE_NUMBER_FLOAT ? memo.canonicalDouble(p, field) : null;
      case FLOAT32:
        return t == JsonToken.VALUE_NUMBER_FLOAT ? memo.canonicalFloat(p, field) : null;
      default:
        break;
    }
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    long n = p.getLongValue();
    if (n < kind.min || n > kind.max || (n == 0 && p.getTextLength() != 1)) {
      return null; // out of the type's range (JsonConverter would wrap it), or "-0"
    }
    return switch (kind) {
      case INT8 -> (byte) n;
      case INT16 -> (short) n;
      case INT32 -> (int) n;
      case TIMESTAMP -> {
        if (isoTime) {
          int at = offset + (int) p.currentTokenLocation().getByteOffset();
          source.rewriteTime(at, at + p.getTextLength(), n);
        }
        yield new Date(n);
      }
      default -> n;
    };
  }
}
