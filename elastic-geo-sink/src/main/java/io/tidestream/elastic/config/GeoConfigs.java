package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_ENABLED;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_INVALID_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_LAT;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_LON;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_MISSING_ACTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GEO_TARGET;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_GEO;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Geo point group: where latitude and longitude come from and what bad ones do. */
final class GeoConfigs {

  private GeoConfigs() {}

  static void addGeoConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator actions = ChoiceValidator.of(RecordFailureAction.class);
    def.define(
            GEO_ENABLED,
            Type.BOOLEAN,
            true,
            Importance.HIGH,
            "Build a geo_point field from latitude and longitude fields of the value.",
            GROUP_GEO,
            ++order,
            Width.SHORT,
            "Build geo points")
        .define(
            GEO_LAT,
            Type.STRING,
            "lat",
            ConfigValidators.path(false),
            Importance.HIGH,
            "Dotted path of the latitude (number or numeric string), e.g. lat or metadata.lat.",
            GROUP_GEO,
            ++order,
            Width.MEDIUM,
            "Latitude field")
        .define(
            GEO_LON,
            Type.STRING,
            "lon",
            ConfigValidators.path(false),
            Importance.HIGH,
            "Dotted path of the longitude (number or numeric string), e.g. lon or metadata.lon.",
            GROUP_GEO,
            ++order,
            Width.MEDIUM,
            "Longitude field")
        .define(
            GEO_TARGET,
            Type.STRING,
            "location",
            ConfigValidators.path(false),
            Importance.MEDIUM,
            "Top-level field that receives {\"lat\":..,\"lon\":..}; map it as geo_point.",
            GROUP_GEO,
            ++order,
            Width.MEDIUM,
            "Geo point field")
        .define(
            GEO_INVALID_ACTION,
            Type.STRING,
            ChoiceValidator.toConfigValue(RecordFailureAction.DEAD_LETTER),
            actions,
            Importance.MEDIUM,
            "What to do when a coordinate is not a number or out of range (|lat| > 90, |lon| >"
                + " 180): dead-letter, drop, fail, or index-without-location.",
            GROUP_GEO,
            ++order,
            Width.SHORT,
            "Bad coordinates",
            actions)
        .define(
            GEO_MISSING_ACTION,
            Type.STRING,
            ChoiceValidator.toConfigValue(RecordFailureAction.DEAD_LETTER),
            actions,
            Importance.MEDIUM,
            "What to do when the latitude or longitude field is missing or null: dead-letter, drop,"
                + " fail, or index-without-location.",
            GROUP_GEO,
            ++order,
            Width.SHORT,
            "Missing coordinates",
            actions);
  }
}
