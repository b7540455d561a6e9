package io.tidestream.noaa.config;

import static io.tidestream.noaa.config.NoaaSourceConfig.DAY_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.DISCOVER_INTERVAL;
import static io.tidestream.noaa.config.NoaaSourceConfig.DISCOVER_STATE;
import static io.tidestream.noaa.config.NoaaSourceConfig.DISCOVER_TYPE;
import static io.tidestream.noaa.config.NoaaSourceConfig.DISCOVER_TYPES;
import static io.tidestream.noaa.config.NoaaSourceConfig.G_STATIONS;
import static io.tidestream.noaa.config.NoaaSourceConfig.MINUTE_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.STATIONS;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Stations group: which stations, named or discovered from NOAA's metadata API. */
final class StationConfigs {

  private StationConfigs() {}

  static void addStationConfigs(ConfigDef def) {
    int o = 0;
    def.define(
        STATIONS,
        Type.LIST,
        "",
        new PatternListValidator("[A-Za-z0-9]{5,12}", "a NOAA station id such as 8454000"),
        Importance.HIGH,
        "Comma-separated NOAA CO-OPS station ids, e.g. 8454000,9447130. When empty, stations are "
            + "discovered from the metadata API (see "
            + DISCOVER_TYPE
            + ").",
        G_STATIONS,
        ++o,
        Width.LONG,
        "Stations");
    ChoiceValidator types = ChoiceValidator.of(DISCOVER_TYPES).caseSensitive().orEmpty();
    def.define(
        DISCOVER_TYPE,
        Type.STRING,
        "",
        types,
        Importance.MEDIUM,
        "Station type to discover from the metadata API (stations.json?type=...) when "
            + STATIONS
            + " is empty. Empty means no discovery.",
        G_STATIONS,
        ++o,
        Width.MEDIUM,
        "Discover station type",
        types);
    def.define(
        DISCOVER_STATE,
        Type.STRING,
        "",
        ConfigDef.LambdaValidator.with(
            (n, v) -> {
              String s = String.valueOf(v).trim();
              if (!s.isEmpty() && !s.matches("[A-Z]{2}")) {
                throw new org.apache.kafka.common.config.ConfigException(
                    n, s, "Write a two-letter upper-case state code such as WA, or leave empty");
              }
            },
            () -> "empty or two-letter state code"),
        Importance.LOW,
        "Keep only discovered stations in this state (two letters, e.g. WA). Empty keeps all.",
        G_STATIONS,
        ++o,
        Width.SHORT,
        "Discover state");
    def.define(
        DISCOVER_INTERVAL,
        Type.LONG,
        DAY_MS,
        Range.between(10 * MINUTE_MS, 30 * DAY_MS),
        Importance.LOW,
        "How often, in ms, the connector re-reads the discovered station list; when it changes "
            + "the connector asks Connect to reconfigure its tasks.",
        G_STATIONS,
        ++o,
        Width.SHORT,
        "Discovery interval (ms)");
  }
}
