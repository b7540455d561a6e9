package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.DLQ_TOPIC;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.DOCUMENT_MAX_BYTES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ERRORS_TOLERANCE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.FILTER_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_INVALID_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_MISSING_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_ERRORS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.NON_JSON_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.RETRY_BUDGET;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.UNKNOWN_ERROR_ACTION;

import io.tidestream.common.config.ChoiceValidator;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Retries and errors group: backoff, retry budget and per-error-type actions; and which keys
 * ask for dead-lettering and whether the worker's settings allow it (read through {@link
 * ElasticGeoSinkConfig#deadLetterKeys()} and {@link ElasticGeoSinkConfig#deadLetterProblem()}).
 */
final class ErrorConfigs {

  private ErrorConfigs() {}

  static void addErrorConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator unknown = ChoiceValidator.of("dead-letter", "ignore", "fail");
    order =
        ElasticGeoSinkConfig.BACKOFF.define(
            def,
            GROUP_ERRORS,
            order,
            100L,
            10_000L,
            "of a bulk item or request the engine refused for now");
    def.define(
            RETRY_BUDGET,
            Type.LONG,
            600_000L,
            ConfigValidators.retryBudget(),
            Importance.HIGH,
            "How long, in ms from its first failure, the engine may keep refusing one document with"
                + " transient item errors (429 rejections, circuit breakers, unavailable shards)"
                + " while it answers, and how long a failing dead-letter write is retried, before"
                + " the task fails without committing past the record; -1 retries forever. An"
                + " outage never fails the task: while the engine does not answer (connection"
                + " errors, no answer, 429 or 5xx for whole requests) partitions stay paused for as"
                + " long as it takes, and that time does not count against this budget.",
            GROUP_ERRORS,
            ++order,
            Width.SHORT,
            "Retry budget (ms)")
        .define(
            ERROR_TYPE_ACTIONS,
            Type.LIST,
            "",
            ConfigValidators.errorTypeActions(),
            Importance.MEDIUM,
            "Overrides of the per-item action by exact error.type, as"
                + " <error.type>:<retry|dead-letter|ignore|fail>, e.g."
                + " version_conflict_engine_exception:ignore. Built in: rejected execution, circuit"
                + " breaking, unavailable shards and cluster blocks retry; mapping, parsing,"
                + " strict-mapping and illegal-argument errors dead-letter.",
            GROUP_ERRORS,
            ++order,
            Width.LONG,
            "Error type actions")
        .define(
            UNKNOWN_ERROR_ACTION,
            Type.STRING,
            "dead-letter",
            unknown,
            Importance.MEDIUM,
            "Action for an error.type not in the built-in or configured map whose status is not 429"
                + " or 5xx (those retry), and for records the sink cannot turn into a document (an"
                + " id field or the time for the index name is missing, or the document is larger"
                + " than "
                + DOCUMENT_MAX_BYTES
                + "): "
                + "dead-letter, ignore (drop) or fail.",
            GROUP_ERRORS,
            ++order,
            Width.SHORT,
            "Unknown error action",
            unknown);
  }

  /** Keys whose current value asks for dead-lettering, in definition order. */
  static List<String> deadLetterKeys(ElasticGeoSinkConfig config) {
    List<String> keys = new ArrayList<>();
    for (String key :
        List.of(
            GEO_INVALID_ACTION,
            GEO_MISSING_ACTION,
            FILTER_ACTION,
            NON_JSON_ACTION,
            UNKNOWN_ERROR_ACTION)) {
      if (config.getString(key).trim().equalsIgnoreCase("dead-letter")
          && (config.geoEnabled() || !key.startsWith("geo."))) {
        keys.add(key);
      }
    }
    if (config.getList(ERROR_TYPE_ACTIONS).isEmpty() || config.errorTypeActions().mayDeadLetter()) {
      if (!keys.contains(UNKNOWN_ERROR_ACTION)) {
        keys.add(ERROR_TYPE_ACTIONS);
      }
    }
    return keys;
  }

  /**
   * Null when dead-lettering is possible, else a message saying what is missing and how to fix it.
   * Dead-lettering needs errors.tolerance=all and errors.deadletterqueue.topic.name.
   */
  static String deadLetterProblem(ElasticGeoSinkConfig config) {
    List<String> keys = config.deadLetterKeys();
    if (keys.isEmpty() || (config.deadLetterTopic() != null && config.toleratesErrors())) {
      return null;
    }
    String missing = config.deadLetterTopic() == null ? DLQ_TOPIC + " is not set" : "";
    if (!config.toleratesErrors()) {
      missing += (missing.isEmpty() ? "" : " and ") + ERRORS_TOLERANCE + " is not 'all'";
    }
    return "Records can be dead-lettered ("
        + String.join(", ", keys)
        + ") but "
        + missing
        + ". Set "
        + ERRORS_TOLERANCE
        + "=all and "
        + DLQ_TOPIC
        + "=<topic>, or set those keys to drop/ignore/fail.";
  }
}
