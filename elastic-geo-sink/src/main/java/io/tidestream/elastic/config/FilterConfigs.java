package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.FILTER_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.FILTER_PREDICATES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_FILTER;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.NON_JSON_ACTION;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Error payloads group: which values are error payloads, and what happens to them and to
 * non-JSON values.
 */
final class FilterConfigs {

  private FilterConfigs() {}

  static void addFilterConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator filterActions = ChoiceValidator.of("dead-letter", "drop");
    ChoiceValidator nonJsonActions = ChoiceValidator.of("dead-letter", "drop", "fail");
    def.define(
            FILTER_PREDICATES,
            Type.LIST,
            "exists:error",
            ConfigValidators.predicates(),
            Importance.HIGH,
            "Tests that mark a value as an error payload instead of data, any of which matching is"
                + " enough: exists:<path>, equals:<path>=<text>, matches:<path>=<regex> (whole"
                + " value). Default: a top-level 'error' field, as in NOAA's"
                + " {\"error\":{\"message\":...}}. Empty: no filter.",
            GROUP_FILTER,
            ++order,
            Width.LONG,
            "Error payload tests")
        .define(
            FILTER_ACTION,
            Type.STRING,
            "dead-letter",
            filterActions,
            Importance.MEDIUM,
            "What to do with an error payload: dead-letter (with the matching test in the reason"
                + " header) or drop.",
            GROUP_FILTER,
            ++order,
            Width.SHORT,
            "Error payload action",
            filterActions)
        .define(
            NON_JSON_ACTION,
            Type.STRING,
            "dead-letter",
            nonJsonActions,
            Importance.MEDIUM,
            "What to do with a string value that is not a JSON object (an HTML error page, plain"
                + " text): dead-letter, drop or fail.",
            GROUP_FILTER,
            ++order,
            Width.SHORT,
            "Non-JSON action",
            nonJsonActions);
  }
}
