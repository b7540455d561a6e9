package io.tidestream.elastic.document;

/** Byte-level checks on UTF-8 JSON text that the raw path makes before it copies bytes. */
final class JsonBytes {

  private JsonBytes() {}

  /**
   * True when {@code b} may be a UTF-8 JSON object: it starts with a brace or a blank and has no
   * NUL among its first bytes. Jackson would also read UTF-16 and UTF-32 (and skip a byte order
   * mark), whose bytes the copy must not take over; the text path judges those.
   */
  static boolean utf8Object(byte[] b) {
    if (b.length == 0
        || (b[0] != '{' && b[0] != ' ' && b[0] != '\t' && b[0] != '\n' && b[0] != '\r')) {
      return false;
    }
    for (int i = 1; i < Math.min(4, b.length); i++) {
      if (b[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code b[from, to)} has no whitespace outside strings and no escape at all. */
  static boolean compact(byte[] b, int from, int to) {
    boolean inString = false;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '"') {
        inString = !inString;
      } else if (c == '\\') {
        return false;
      } else if (!inString && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
        return false;
      }
    }
    return true;
  }

  static boolean hasLineBreak(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n' || b[i] == '\r') {
        return true;
      }
    }
    return false;
  }

  static int skipBlank(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
    return i;
  }
}
