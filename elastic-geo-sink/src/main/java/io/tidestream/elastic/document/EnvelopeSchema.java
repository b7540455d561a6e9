package io.tidestream.elastic.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.apache.kafka.connect.data.Timestamp;

/**
 * What a JsonConverter envelope's {@code schema} says, as far as the raw path needs it: the
 * top-level struct's field names in order and each field's type, or that the raw path cannot write
 * this schema's documents byte for byte as the Struct path does ({@link #copyable()} false: nested
 * types, Decimal, Date, Time, bytes, defaults, …). Built once per distinct schema; immutable.
 */
public final class EnvelopeSchema {

  /** Field types the raw path copies (or, for {@link #TIMESTAMP}, rewrites) itself. */
  public enum Kind {
    INT8(Byte.MIN_VALUE, Byte.MAX_VALUE),
    INT16(Short.MIN_VALUE, Short.MAX_VALUE),
    INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
    INT64(Long.MIN_VALUE, Long.MAX_VALUE),
    FLOAT32(0, 0),
    FLOAT64(0, 0),
    BOOLEAN(0, 0),
    STRING(0, 0),
    /** {@code org.apache.kafka.connect.data.Timestamp}: epoch millis in the payload. */
    TIMESTAMP(Long.MIN_VALUE, Long.MAX_VALUE);

    final long min;
    final long max;

    Kind(long min, long max) {
      this.min = min;
      this.max = max;
    }
  }

  private static final EnvelopeSchema NOT_COPYABLE =
      new EnvelopeSchema(false, new String[0], new Kind[0], new boolean[0]);

  private final boolean copyable;
  private final String[] names;
  private final Kind[] kinds;
  private final boolean[] optional;

  private EnvelopeSchema(boolean copyable, String[] names, Kind[] kinds, boolean[] optional) {
    this.copyable = copyable;
    this.names = names;
    this.kinds = kinds;
    this.optional = optional;
  }

  /**
   * Reads a JsonConverter schema ({@code {"type":"struct","fields":[…]}}); anything the raw path
   * does not write byte for byte as the Struct path does gives a schema that is not copyable.
   */
  public static EnvelopeSchema of(JsonNode schema) {
    if (schema == null
        || !schema.isObject()
        || !"struct".equals(schema.path("type").asText(null))
        || !schema.path("fields").isArray()) {
      return NOT_COPYABLE;
    }
    JsonNode fields = schema.get("fields");
    int n = fields.size();
    String[] names = new String[n];
    Kind[] kinds = new Kind[n];
    boolean[] optional = new boolean[n];
    Set<String> seen = new HashSet<>();
    Iterator<JsonNode> it = fields.elements();
    for (int i = 0; i < n; i++) {
      JsonNode field = it.next();
      JsonNode name = field.get("field");
      Kind kind = kindOf(field);
      if (name == null || !name.isTextual() || kind == null || !seen.add(name.textValue())) {
        return NOT_COPYABLE;
      }
      // A default replaces a null in the Struct path (JsonConverter and Struct.get both do).
      JsonNode dflt = field.get("default");
      if (dflt != null && !dflt.isNull()) {
        return NOT_COPYABLE;
      }
      names[i] = name.textValue().intern();
      kinds[i] = kind;
      optional[i] = field.path("optional").asBoolean(false);
    }
    return new EnvelopeSchema(true, names, kinds, optional);
  }

  private static Kind kindOf(JsonNode field) {
    JsonNode logical = field.get("name");
    String type = field.path("type").asText("");
    if (logical != null && !logical.isNull()) {
      return Timestamp.LOGICAL_NAME.equals(logical.asText()) && type.equals("int64")
          ? Kind.TIMESTAMP
          : null;
    }
    return switch (type) {
      case "int8" -> Kind.INT8;
      case "int16" -> Kind.INT16;
      case "int32" -> Kind.INT32;
      case "int64" -> Kind.INT64;
      case "float" -> Kind.FLOAT32;
      case "double" -> Kind.FLOAT64;
      case "boolean" -> Kind.BOOLEAN;
      case "string" -> Kind.STRING;
      default -> null; // bytes, array, map, struct: the Struct path's rules
    };
  }

  /** True when the raw path can write this schema's payloads itself. */
  public boolean copyable() {
    return copyable;
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public Kind kind(int i) {
    return kinds[i];
  }

  public boolean optional(int i) {
    return optional[i];
  }
}
