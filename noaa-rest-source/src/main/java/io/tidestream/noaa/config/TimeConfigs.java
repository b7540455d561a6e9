package io.tidestream.noaa.config;

import static io.tidestream.noaa.config.NoaaSourceConfig.DAY_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.G_TIME;
import static io.tidestream.noaa.config.NoaaSourceConfig.HOUR_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.LATENESS;
import static io.tidestream.noaa.config.NoaaSourceConfig.MINUTE_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.PREDICTIONS_HORIZON;
import static io.tidestream.noaa.config.NoaaSourceConfig.REVISIONS_INTERVAL;
import static io.tidestream.noaa.config.NoaaSourceConfig.REVISIONS_WINDOW;
import static io.tidestream.noaa.config.NoaaSourceConfig.SAFETY_LAG;
import static io.tidestream.noaa.config.NoaaSourceConfig.START;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The Time windows group: where units start, how close to now they read, lateness, predictions
 * ahead, revisions.
 */
final class TimeConfigs {

  private TimeConfigs() {}

  static void addTimeConfigs(ConfigDef def) {
    int o = 0;
    def.define(
        START,
        Type.STRING,
        "P7D",
        new StartValidator(),
        Importance.HIGH,
        "Where a unit with no stored offset starts: an instant (2025-01-01T00:00:00Z), a UTC "
            + "date (2025-01-01) or a duration back from the connector's first start (P30D). "
            + "Backfill runs in windows no wider than the product's maximum span.",
        G_TIME,
        ++o,
        Width.MEDIUM,
        "Start");
    def.define(
        SAFETY_LAG,
        Type.LONG,
        3 * MINUTE_MS,
        Range.between(0, DAY_MS),
        Importance.LOW,
        "While tailing, request observations only up to now minus this lag (ms), so a sample "
            + "NOAA is still publishing is not asked for too early.",
        G_TIME,
        ++o,
        Width.SHORT,
        "Safety lag (ms)");
    def.define(
        LATENESS,
        Type.LONG,
        3 * HOUR_MS,
        Range.between(0, 30 * DAY_MS),
        Importance.MEDIUM,
        "An empty answer does not advance a unit's watermark until the window's end is older "
            + "than this (ms), so late-arriving data is not skipped.",
        G_TIME,
        ++o,
        Width.SHORT,
        "Allowed lateness (ms)");
    def.define(
        PREDICTIONS_HORIZON,
        Type.LONG,
        2 * DAY_MS,
        Range.between(0, 3650 * DAY_MS),
        Importance.MEDIUM,
        "Keep tide predictions this far (ms) ahead of now (rolling; rows are sent once). 0 "
            + "streams predictions only up to now.",
        G_TIME,
        ++o,
        Width.SHORT,
        "Predictions horizon (ms)");
    def.define(
        REVISIONS_WINDOW,
        Type.LONG,
        0L,
        Range.between(0, 365 * DAY_MS),
        Importance.LOW,
        "When positive, re-poll this trailing window (ms) of water_level/one_minute_water_level "
            + "and emit rows that turned from preliminary to verified (each once). NOAA verifies "
            + "about a month later, so 3888000000 (45 days) is typical. 0 disables revisions.",
        G_TIME,
        ++o,
        Width.SHORT,
        "Revisions window (ms)");
    def.define(
        REVISIONS_INTERVAL,
        Type.LONG,
        6 * HOUR_MS,
        Range.between(MINUTE_MS, 30 * DAY_MS),
        Importance.LOW,
        "How often, in ms, each unit re-polls its revisions window.",
        G_TIME,
        ++o,
        Width.SHORT,
        "Revisions interval (ms)");
  }
}
