package io.tidestream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One way the sink drains the load in the throughput rounds: which load topic it reads (the {@link
 * Format}), the value converter the worker hands it (ByteArrayConverter, StringConverter or
 * JsonConverter) and {@code tasks.max}. Written on the command line as {@code
 * FORMAT:CONVERTER:TASKS}, e.g. {@code default:bytes:2}.
 */
record Writer(Format format, Converter converter, int tasks) {

  /** The pipeline's default since issue #13: the source's envelope, read as raw bytes, 2 tasks. */
  static final Writer DEFAULT = new Writer(Format.DEFAULT, Converter.BYTES, 2);

  /** The sink's value converter before issue #13 (JsonConverter with schemas), 2 tasks. */
  static final Writer PREVIOUS_DEFAULT = new Writer(Format.DEFAULT, Converter.JSON, 2);

  /** Schemaless JSON read as raw bytes, 2 tasks. */
  static final Writer SCHEMALESS = new Writer(Format.SCHEMALESS, Converter.BYTES, 2);

  /** The writers a full run measures, in the order of its first repetition. */
  static final String DEFAULTS =
      "default:bytes:2,default:bytes:4,schemaless:bytes:2,default:json:2";

  /** The two load topics, prefilled once with the same records. */
  enum Format {
    /**
     * What the source writes on a default worker: JsonConverter with {@code schemas.enable=true},
     * so each value is a {@code {"schema":…,"payload":…}} envelope.
     */
    DEFAULT("default", "bench.water_level"),
    /** The same records as plain JSON objects, no envelope. */
    SCHEMALESS("schemaless", "bench.water_level.schemaless");

    final String id;
    final String topic;

    Format(String id, String topic) {
      this.id = id;
      this.topic = topic;
    }
  }

  /** The sink's value converter. */
  enum Converter {
    BYTES("bytes", "org.apache.kafka.connect.converters.ByteArrayConverter"),
    STRING("string", "org.apache.kafka.connect.storage.StringConverter"),
    JSON("json", "org.apache.kafka.connect.json.JsonConverter");

    final String id;
    final String className;

    Converter(String id, String className) {
      this.id = id;
      this.className = className;
    }
  }

  Writer {
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks.max must be at least 1, got " + tasks);
    }
  }

  /** Parses {@code FORMAT:CONVERTER:TASKS}; the message says what is allowed. */
  static Writer parse(String text) {
    String[] parts = text.trim().split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "'" + text + "' is not FORMAT:CONVERTER:TASKS, e.g. default:bytes:2");
    }
    Format format = null;
    for (Format f : Format.values()) {
      if (f.id.equals(parts[0])) {
        format = f;
      }
    }
    Converter converter = null;
    for (Converter c : Converter.values()) {
      if (c.id.equals(parts[1])) {
        converter = c;
      }
    }
    if (format == null || converter == null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': the format is default or schemaless, the converter bytes, string or json");
    }
    int tasks;
    try {
      tasks = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': TASKS must be a number, e.g. 2", e);
    }
    if (tasks < 1) {
      throw new IllegalArgumentException("'" + text + "': TASKS must be at least 1");
    }
    return new Writer(format, converter, tasks);
  }

  static List<Writer> parseAll(List<String> texts) {
    return texts.stream().map(Writer::parse).toList();
  }

  /** The command-line form, also the writer's key in {@code results.json}. */
  String id() {
    return format.id + ":" + converter.id + ":" + tasks;
  }

  /** How the page names the writer. */
  String label() {
    return String.format(
        Locale.ROOT,
        "sink, %s, %s, tasks.max=%d",
        format == Format.DEFAULT ? "default format" : "schemaless JSON",
        converter == Converter.JSON
            ? "JsonConverter" + (format == Format.DEFAULT ? " (schemas)" : " (no schemas)")
            : converter == Converter.BYTES ? "ByteArrayConverter" : "StringConverter",
        tasks);
  }

  /** The connector settings that make the worker hand the sink this writer's values. */
  Map<String, String> converterConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("value.converter", converter.className);
    if (converter == Converter.JSON) {
      c.put("value.converter.schemas.enable", Boolean.toString(format == Format.DEFAULT));
    }
    return c;
  }
}
