package io.tidestream.elastic.document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An index name such as {@code tides-${yyyy.MM}} or {@code ${topic}}: literal text, {@code
 * ${topic}} and {@code ${<date pattern>}} placeholders ({@link DateTimeFormatter} patterns, UTC, no
 * finer than hours). A name without placeholders is a fixed index or alias.
 *
 * <p>Not thread-safe (it caches the last name per hour); each task owns one.
 */
public final class IndexNameTemplate {

  private static final String ILLEGAL = "\\/*?\"<>| ,#:";
  private static final long HOUR_MS = 3_600_000L;

  private sealed interface Part permits Literal, Topic, DatePart {}

  private record Literal(String text) implements Part {}

  private record Topic() implements Part {}

  private record DatePart(DateTimeFormatter formatter) implements Part {}

  private final String text;
  private final List<Part> parts;
  private final boolean usesTime;
  private final boolean usesTopic;

  private String cachedTopic;
  private long cachedHour = Long.MIN_VALUE;
  private String cachedName;

  private IndexNameTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
    this.usesTime = parts.stream().anyMatch(p -> p instanceof DatePart);
    this.usesTopic = parts.stream().anyMatch(p -> p instanceof Topic);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong and how to write it instead
   */
  public static IndexNameTemplate parse(String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(
          "index name is empty; use e.g. 'tides-${yyyy.MM}' or '${topic}'");
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int start = template.indexOf("${", i);
      if (start < 0) {
        parts.add(literal(template.substring(i), template));
        break;
      }
      if (start > i) {
        parts.add(literal(template.substring(i, start), template));
      }
      int end = template.indexOf('}', start);
      if (end < 0) {
        throw new IllegalArgumentException(
            "index name '" + template + "' has '${' without a closing '}'");
      }
      String token = template.substring(start + 2, end).trim();
      if (token.isEmpty()) {
        throw new IllegalArgumentException(
            "index name '" + template + "' has an empty placeholder '${}'");
      }
      parts.add(token.equals("topic") ? new Topic() : datePart(token, template));
      i = end + 1;
    }
    if (parts.get(0) instanceof Literal first
        && (first.text().startsWith("-")
            || first.text().startsWith("_")
            || first.text().startsWith("+"))) {
      throw new IllegalArgumentException(
          "index name '" + template + "' must not start with '-', '_' or '+'");
    }
    return new IndexNameTemplate(template, List.copyOf(parts));
  }

  private static Literal literal(String text, String template) {
    for (char c : text.toCharArray()) {
      if (ILLEGAL.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "index name '"
                + template
                + "' contains '"
                + c
                + "'; index names may not contain any of "
                + ILLEGAL);
      }
      if (Character.isUpperCase(c)) {
        throw new IllegalArgumentException(
            "index name '" + template + "' has upper-case letters; index names must be lower case");
      }
    }
    return new Literal(text);
  }

  private static DatePart datePart(String pattern, String template) {
    for (char c : pattern.toCharArray()) {
      if ("mnsSANaBhKk".indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "date pattern '${"
                + pattern
                + "}' in index name '"
                + template
                + "' uses '"
                + c
                + "'; only fields from years down to hours (y, u, M, L, d, D, w, Y, H) are"
                + " allowed");
      }
    }
    try {
      return new DatePart(
          DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "date pattern '${"
              + pattern
              + "}' in index name '"
              + template
              + "' is not a valid java.time pattern: "
              + e.getMessage()
              + "; use e.g. ${yyyy.MM} or ${yyyy.MM.dd}; write ${topic} for the topic name",
          e);
    }
  }

  /**
   * The index name for a record of {@code topic} whose time is {@code epochMillis} (ignored when
   * {@link #usesTime()} is false).
   */
  public String render(String topic, long epochMillis) {
    if (!usesTime && !usesTopic) {
      return text;
    }
    long hour = Math.floorDiv(epochMillis, HOUR_MS);
    if (cachedName != null
        && (!usesTime || hour == cachedHour)
        && (!usesTopic || topic.equals(cachedTopic))) {
      return cachedName;
    }
    StringBuilder name = new StringBuilder(text.length() + 16);
    Instant instant = usesTime ? Instant.ofEpochMilli(epochMillis) : null;
    for (Part part : parts) {
      if (part instanceof Literal l) {
        name.append(l.text());
      } else if (part instanceof Topic) {
        name.append(topic.toLowerCase(Locale.ROOT));
      } else if (part instanceof DatePart d) {
        d.formatter().formatTo(instant, name);
      }
    }
    cachedTopic = topic;
    cachedHour = hour;
    cachedName = name.toString();
    return cachedName;
  }

  /**
   * A wildcard pattern covering every name this template yields (placeholders become {@code *}).
   */
  public String wildcardPattern() {
    return wildcardPattern(null);
  }

  /**
   * A wildcard pattern covering every name this template yields for {@code topic} (date
   * placeholders become {@code *}; so does {@code ${topic}} when {@code topic} is null).
   */
  public String wildcardPattern(String topic) {
    StringBuilder pattern = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal l) {
        pattern.append(l.text());
      } else if (part instanceof Topic && topic != null) {
        pattern.append(topic.toLowerCase(Locale.ROOT));
      } else if (pattern.isEmpty() || pattern.charAt(pattern.length() - 1) != '*') {
        pattern.append('*');
      }
    }
    return pattern.toString();
  }

  public boolean usesTime() {
    return usesTime;
  }

  public boolean usesTopic() {
    return usesTopic;
  }

  /** True for a fixed index or alias name. */
  public boolean isFixed() {
    return !usesTime && !usesTopic;
  }

  @Override
  public String toString() {
    return text;
  }
}
