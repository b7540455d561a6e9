package io.tidestream.noaa.config;

import static io.tidestream.noaa.config.NoaaSourceConfig.ERRORS_TOPIC;
import static io.tidestream.noaa.config.NoaaSourceConfig.G_OUTPUT;
import static io.tidestream.noaa.config.NoaaSourceConfig.MALFORMED_ROWS_ACTION;
import static io.tidestream.noaa.config.NoaaSourceConfig.TOPIC;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Output group: data and errors topics, and what a malformed row does. */
final class OutputConfigs {

  private OutputConfigs() {}

  static void addOutputConfigs(ConfigDef def) {
    int o = 0;
    def.define(
        TOPIC,
        Type.STRING,
        "noaa.${product}",
        new TopicTemplateValidator(false),
        Importance.HIGH,
        "Topic for observation records; ${product} is replaced by the product name "
            + "(noaa.${product} -> noaa.water_level).",
        G_OUTPUT,
        ++o,
        Width.MEDIUM,
        "Topic");
    def.define(
        ERRORS_TOPIC,
        Type.STRING,
        "",
        new TopicTemplateValidator(true),
        Importance.LOW,
        "When set, every classified NOAA error (request URL, HTTP status, kind, NOAA's message "
            + "and up to 4 KiB of the body) is also published to this topic for auditing. "
            + "Errors are never published to the data topic.",
        G_OUTPUT,
        ++o,
        Width.MEDIUM,
        "Errors topic");
    ChoiceValidator rowActions = ChoiceValidator.of(MalformedRowAction.class);
    def.define(
        MALFORMED_ROWS_ACTION,
        Type.STRING,
        ChoiceValidator.toConfigValue(MalformedRowAction.REPORT),
        rowActions,
        Importance.LOW,
        "What to do with a row of NOAA's answer whose time is missing or unreadable (it cannot be "
            + "placed in the series). report: deliver the answer's other rows, count the row in "
            + "the malformed-rows metric, log one WARN line per answer and, when "
            + ERRORS_TOPIC
            + " is set, publish the row there as MALFORMED_ROW. fail: stop the "
            + "task with an error naming the row. A value that is not a number (\"NaN\") is not "
            + "a malformed row: it is delivered as null and counted in unreadable-values. "
            + "Connect's errors.tolerance does not change this.",
        G_OUTPUT,
        ++o,
        Width.SHORT,
        "Malformed rows",
        rowActions);
  }
}
