package io.tidestream.elastic.document;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

/** Builds document ids from value fields; stateless. */
public final class DocumentIds {

  /** Separator between field values; '|' rarely appears in station ids, product names or times. */
  public static final char SEPARATOR = '|';

  private final List<DottedPath> fields;

  public DocumentIds(List<DottedPath> fields) {
    this.fields = List.copyOf(fields);
  }

  /**
   * The id from {@code value}'s fields, e.g. {@code 9447130|water_level|1420070760000} (times as
   * epoch milliseconds so the id does not depend on the output time format).
   *
   * @return the id, or null when a field is missing; {@link #firstMissing} says which
   */
  public String idOf(Object value) {
    StringBuilder id = new StringBuilder(48);
    for (int i = 0; i < fields.size(); i++) {
      Object part = fields.get(i).lookup(value);
      if (part == null) {
        return null;
      }
      if (i > 0) {
        id.append(SEPARATOR);
      }
      appendPart(id, part);
    }
    return id.toString();
  }

  public DottedPath firstMissing(Object value) {
    for (DottedPath field : fields) {
      if (field.lookup(value) == null) {
        return field;
      }
    }
    return null;
  }

  static void appendPart(StringBuilder id, Object part) {
    if (part instanceof Date date) {
      id.append(date.getTime());
    } else if (part instanceof Double || part instanceof Float) {
      double d = ((Number) part).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        id.append((long) d);
      } else {
        id.append(d);
      }
    } else if (part instanceof BigDecimal bd) {
      id.append(bd.stripTrailingZeros().toPlainString());
    } else {
      id.append(part);
    }
  }

  public List<DottedPath> fields() {
    return fields;
  }
}
