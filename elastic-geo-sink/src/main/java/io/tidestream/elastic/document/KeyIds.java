package io.tidestream.elastic.document;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The document id of {@code document.id.strategy=record-key}, and of a tombstone under it: one rule
 * from a record key to an id. A string key is the id as it is; a number, boolean or other primitive
 * its text (a whole double without its ".0", times as epoch milliseconds, as {@link DocumentIds}
 * writes them); bytes their UTF-8 text. A Struct key gives its field values in schema order, a Map
 * key its values in the order of its keys (sorted as text), a list its elements, each rendered by
 * the same rule and joined with {@code '|'} (a null part is empty): {@code {"station_id":"8724580",
 * "product":"water_level"}} becomes {@code 8724580|water_level} whatever the map's own order. So a
 * single-field key struct such as Debezium's {@code {"id":42}} gives {@code 42}. Stateless.
 */
public final class KeyIds {

  private KeyIds() {}

  /** The id for {@code key}; null when there is no key, or it renders as empty text. */
  public static String idOf(Object key) {
    if (key == null) {
      return null;
    }
    if (key instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (key instanceof byte[] bytes) {
      String text = Utf8.decode(bytes);
      return text == null || text.isEmpty() ? null : text;
    }
    StringBuilder id = new StringBuilder(32);
    append(id, key);
    return id.length() == 0 ? null : id.toString();
  }

  private static void append(StringBuilder id, Object part) {
    if (part == null) {
      return;
    }
    if (part instanceof Struct struct) {
      List<Field> fields = struct.schema().fields();
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          id.append(DocumentIds.SEPARATOR);
        }
        append(id, struct.get(fields.get(i)));
      }
    } else if (part instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      boolean first = true;
      for (Object v : sorted.values()) {
        if (!first) {
          id.append(DocumentIds.SEPARATOR);
        }
        first = false;
        append(id, v);
      }
    } else if (part instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          id.append(DocumentIds.SEPARATOR);
        }
        append(id, list.get(i));
      }
    } else if (part instanceof byte[] bytes) {
      String text = Utf8.decode(bytes);
      id.append(text == null ? "" : text);
    } else {
      DocumentIds.appendPart(id, part);
    }
  }
}
