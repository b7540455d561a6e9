package io.tidestream.elastic.document;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted field path such as {@code metadata.lat}, resolved against schemaless JSON ({@link Map}
 * of maps, as produced by Jackson or Connect's JsonConverter) or a Connect {@link Struct}. Parsed
 * once, looked up many times without allocation.
 */
public final class DottedPath {

  private final String text;
  private final String[] segments;

  private DottedPath(String text, String[] segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * @throws IllegalArgumentException naming the problem when {@code path} is blank or has an empty
   *     segment ({@code a..b}, {@code .a}, {@code a.})
   */
  public static DottedPath parse(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "field path is empty; give a field name such as 'lat' or 'metadata.lat'");
    }
    String trimmed = path.trim();
    String[] parts = trimmed.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "field path '"
                + trimmed
                + "' has an empty segment; write segments separated by single dots, e.g."
                + " 'metadata.lat'");
      }
    }
    return new DottedPath(trimmed, parts);
  }

  /** The value at this path, or {@code null} when any segment is missing or not an object. */
  public Object lookup(Object root) {
    Object current = root;
    for (String segment : segments) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(segment);
      } else if (current instanceof Struct struct) {
        Field field = struct.schema().field(segment);
        if (field == null) {
          return null;
        }
        current = struct.get(field);
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  public List<String> segments() {
    return Arrays.asList(segments.clone());
  }

  /** The first segment: the top-level field this path starts at. */
  public String head() {
    return segments[0];
  }

  public int depth() {
    return segments.length;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DottedPath other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
