package io.tidestream.elastic.filter;

import io.tidestream.elastic.document.DottedPath;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One test on a record value that marks it as an error payload rather than data. Written in
 * configuration as {@code exists:<path>}, {@code equals:<path>=<text>} or {@code
 * matches:<path>=<regex>} (the regex must match the whole value).
 */
public sealed interface ErrorPredicate {

  DottedPath path();

  /** True when {@code value} (a Map or Struct) is an error payload by this test. */
  boolean test(Object value);

  /** A short description for the dead-letter reason header, e.g. {@code exists:error}. */
  String describe();

  record Exists(DottedPath path) implements ErrorPredicate {
    @Override
    public boolean test(Object value) {
      return path.lookup(value) != null;
    }

    @Override
    public String describe() {
      return "exists:" + path;
    }
  }

  record Equals(DottedPath path, String expected) implements ErrorPredicate {
    @Override
    public boolean test(Object value) {
      Object actual = path.lookup(value);
      return actual != null && expected.equals(String.valueOf(actual));
    }

    @Override
    public String describe() {
      return "equals:" + path + "=" + expected;
    }
  }

  record Matches(DottedPath path, Pattern regex) implements ErrorPredicate {
    @Override
    public boolean test(Object value) {
      Object actual = path.lookup(value);
      return actual != null && regex.matcher(String.valueOf(actual)).matches();
    }

    @Override
    public String describe() {
      return "matches:" + path + "=" + regex.pattern();
    }
  }

  /**
   * @throws IllegalArgumentException naming what is wrong and the accepted forms
   */
  static ErrorPredicate parse(String spec) {
    String text = spec == null ? "" : spec.trim();
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "error predicate '"
              + text
              + "' has no kind; write exists:<path>, equals:<path>=<text> or"
              + " matches:<path>=<regex>");
    }
    String kind = text.substring(0, colon).trim();
    String rest = text.substring(colon + 1);
    switch (kind) {
      case "exists":
        return new Exists(DottedPath.parse(rest));
      case "equals":
      case "matches":
        int eq = rest.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "error predicate '"
                  + text
                  + "' needs '=': write "
                  + kind
                  + ":<path>=<"
                  + (kind.equals("equals") ? "text" : "regex")
                  + ">");
        }
        DottedPath path = DottedPath.parse(rest.substring(0, eq));
        String operand = rest.substring(eq + 1);
        if (kind.equals("equals")) {
          return new Equals(path, operand);
        }
        try {
          return new Matches(path, Pattern.compile(operand));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "error predicate '" + text + "' has an invalid regex: " + e.getDescription(), e);
        }
      default:
        throw new IllegalArgumentException(
            "error predicate '"
                + text
                + "' has unknown kind '"
                + kind
                + "'; use exists, equals or matches");
    }
  }
}
