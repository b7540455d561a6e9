package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * Checks that a payload's floating-point number is written exactly as the Struct path would write
 * it ({@code Double.toString}, {@code Float.toString}), and gives its value. Remembers the last
 * number per field, so a value that repeats from record to record (a station's coordinates) is
 * checked once. Not thread-safe.
 */
final class NumberMemo {

  private char[][] text = new char[16][];
  private Object[] value = new Object[16];

  /** The Double for the current token, or null when its text is not {@code Double.toString}'s. */
  Double canonicalDouble(JsonParser p, int field) throws IOException {
    Object known = remembered(p, field);
    if (known instanceof Double d) {
      return d;
    }
    String written = p.getText();
    double d = p.getDoubleValue();
    // JsonConverter reads numbers as BigDecimal, which has no -0.0: the Struct path writes 0.0.
    if (!Double.toString(d).equals(written) || (d == 0 && written.charAt(0) == '-')) {
      return null;
    }
    Double boxed = d;
    remember(written, boxed, field);
    return boxed;
  }

  /** The Float for the current token, or null when its text is not {@code Float.toString}'s. */
  Float canonicalFloat(JsonParser p, int field) throws IOException {
    Object known = remembered(p, field);
    if (known instanceof Float f) {
      return f;
    }
    String written = p.getText();
    float f = p.getFloatValue();
    if (!Float.toString(f).equals(written) || (f == 0 && written.charAt(0) == '-')) {
      return null;
    }
    Float boxed = f;
    remember(written, boxed, field);
    return boxed;
  }

  private Object remembered(JsonParser p, int field) throws IOException {
    if (field >= text.length || text[field] == null) {
      return null;
    }
    char[] last = text[field];
    int len = p.getTextLength();
    int off = p.getTextOffset();
    return Arrays.equals(p.getTextCharacters(), off, off + len, last, 0, last.length)
        ? value[field]
        : null;
  }

  private void remember(String written, Object boxed, int field) {
    if (field >= text.length) {
      int size = Math.max(field + 1, text.length * 2);
      text = Arrays.copyOf(text, size);
      value = Arrays.copyOf(value, size);
    }
    char[] kept = text[field];
    if (kept != null && kept.length == written.length()) {
      written.getChars(0, kept.length, kept, 0);
    } else {
      text[field] = written.toCharArray();
    }
    value[field] = boxed;
  }
}
