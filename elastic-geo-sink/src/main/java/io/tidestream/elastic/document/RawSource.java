package io.tidestream.elastic.document;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A document source read from a raw value: the byte range of the JSON object to copy, the Timestamp
 * fields to rewrite in it (epoch millis → the configured {@code document.time.format}), and the few
 * field values the configuration needs (ids, index time, coordinates, error predicates) in a sparse
 * map that {@link DottedPath} reads like a full one. Reused for every record by one {@link
 * RawJsonReader}; valid until its next read.
 */
public final class RawSource {

  private final Map<String, Object> fields = new HashMap<>();
  byte[] bytes;
  int start;
  int end;
  int rewrites;
  int[] rewriteStart = new int[4];
  int[] rewriteEnd = new int[4];
  long[] rewriteMillis = new long[4];

  void reset(byte[] value) {
    fields.clear();
    bytes = value;
    start = 0;
    end = 0;
    rewrites = 0;
  }

  void put(String name, Object value) {
    fields.put(name, value);
  }

  void rewriteTime(int from, int to, long millis) {
    if (rewrites == rewriteStart.length) {
      rewriteStart = Arrays.copyOf(rewriteStart, rewrites * 2);
      rewriteEnd = Arrays.copyOf(rewriteEnd, rewrites * 2);
      rewriteMillis = Arrays.copyOf(rewriteMillis, rewrites * 2);
    }
    rewriteStart[rewrites] = from;
    rewriteEnd[rewrites] = to;
    rewriteMillis[rewrites] = millis;
    rewrites++;
  }

  /** The values the configuration needs, by top-level field name (absent: not in the value). */
  public Map<String, Object> fields() {
    return fields;
  }
}
