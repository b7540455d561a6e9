package io.tidestream.elastic.config;

import io.tidestream.elastic.document.DottedPath;
import io.tidestream.elastic.document.IndexNameTemplate;
import io.tidestream.elastic.filter.ErrorPredicate;
import io.tidestream.elastic.retry.ErrorTypeActions;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Field-level validators of {@link ElasticGeoSinkConfig}; each reports on its own key. */
final class ConfigValidators {

  private ConfigValidators() {}

  /** Validates a string by running a parser that throws {@link IllegalArgumentException}. */
  record Parsed(String description, Consumer<String> parser, boolean allowBlank)
      implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : value.toString();
      if (text.isBlank()) {
        if (allowBlank) {
          return;
        }
        throw new ConfigException(name, value, "must not be empty; expected " + description);
      }
      try {
        parser.accept(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** Validates every element of a list key. */
  record EachOf(String description, Consumer<String> parser, boolean allowEmptyList)
      implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      List<?> list = value == null ? List.of() : (List<?>) value;
      if (list.isEmpty() && !allowEmptyList) {
        throw new ConfigException(name, value, "must list at least one entry: " + description);
      }
      for (Object element : list) {
        try {
          parser.accept(String.valueOf(element));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return description;
    }
  }

  static ConfigDef.Validator urls() {
    return new EachOf(
        "http(s)://host:port URLs, comma-separated", ConfigValidators::checkUrl, false);
  }

  static void checkUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an http:// or https:// URL with a host, e.g. https://127.0.0.1:9200");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "URL must not carry credentials; use connection.username and connection.password");
    }
  }

  static ConfigDef.Validator indexName() {
    return new Parsed(
        "an index name template, e.g. tides-${yyyy.MM}", IndexNameTemplate::parse, true);
  }

  static ConfigDef.Validator path(boolean allowBlank) {
    return new Parsed(
        "a dotted field path, e.g. lat or metadata.lat", DottedPath::parse, allowBlank);
  }

  static ConfigDef.Validator paths() {
    return new EachOf("dotted field paths", DottedPath::parse, true);
  }

  static ConfigDef.Validator predicates() {
    return new EachOf(
        "exists:<path>, equals:<path>=<text> or matches:<path>=<regex>",
        ErrorPredicate::parse,
        true);
  }

  static ConfigDef.Validator errorTypeActions() {
    return new EachOf(
        "<error.type>:<retry|dead-letter|ignore|fail>",
        s -> ErrorTypeActions.parseOverrides(List.of(s)),
        true);
  }

  /**
   * A name like an index, alias or template name: no placeholders, lower case, no illegal
   * characters.
   */
  static ConfigDef.Validator plainName(boolean allowBlank) {
    return new Parsed(
        "a lower-case name without spaces or any of \\/*?\"<>|,#:",
        ConfigValidators::checkPlainName,
        allowBlank);
  }

  static void checkPlainName(String text) {
    if (text.contains("${")) {
      throw new IllegalArgumentException(
          "'" + text + "' must be a plain name without placeholders");
    }
    IndexNameTemplate.parse(text.trim());
  }

  /** An ILM/ISM policy name: it goes into a URL path and a JSON string as it is. */
  static ConfigDef.Validator policyName() {
    return new Parsed(
        "a policy name without spaces or any of \\/*?\"<>|,#:%",
        text -> {
          String t = text.trim();
          if (t.startsWith("_") || t.matches(".*[\\s\\\\/*?\"<>|,#:%].*")) {
            throw new IllegalArgumentException(
                "'"
                    + t
                    + "' is not a policy name: no spaces, no leading '_', none of \\/*?\"<>|,#:%");
          }
        },
        true);
  }

  /** Index patterns: lower case, '*' allowed, no other illegal characters. */
  static ConfigDef.Validator indexPatterns() {
    return new EachOf(
        "index patterns such as tides-*",
        text -> {
          String t = text.trim();
          if (t.isEmpty()) {
            throw new IllegalArgumentException("an index pattern is empty");
          }
          checkPlainName(t.replace("*", "x"));
        },
        true);
  }

  /** Optional JSON object text. */
  static ConfigDef.Validator jsonObject() {
    return new Parsed(
        "a JSON object",
        text -> {
          try {
            if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).isObject()) {
              throw new IllegalArgumentException("must be a JSON object {...}");
            }
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage());
          }
        },
        true);
  }

  /** Optional path of a file that must be readable on the worker. */
  static ConfigDef.Validator readableFile() {
    return new Parsed(
        "the path of a readable file on every Connect worker",
        text -> {
          java.nio.file.Path path = java.nio.file.Path.of(text.trim());
          if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            throw new IllegalArgumentException(
                "no readable file at "
                    + path
                    + " on this worker; the file must exist on every Connect worker");
          }
        },
        true);
  }

  /** A size in bytes, or -1 for no limit. */
  static ConfigDef.Validator sizeOrOff() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return; // not a number: ConfigDef already reports that on the key
        }
        long v = (Long) value;
        if (v < -1 || v == 0) {
          throw new ConfigException(name, value, "must be -1 (no limit) or a size in bytes >= 1");
        }
      }

      @Override
      public String toString() {
        return "-1 (no limit) or bytes >= 1";
      }
    };
  }

  static ConfigDef.Validator retryBudget() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null) {
          return; // not a number: ConfigDef already reports that on the key
        }
        long v = (Long) value;
        if (v < -1) {
          throw new ConfigException(
              name, value, "must be -1 (retry forever) or a duration in milliseconds >= 0");
        }
      }

      @Override
      public String toString() {
        return "-1 (unlimited) or milliseconds >= 0";
      }
    };
  }
}
