package io.tidestream.noaa.config;

import static io.tidestream.noaa.config.NoaaSourceConfig.APPLICATION;
import static io.tidestream.noaa.config.NoaaSourceConfig.BACKOFF;
import static io.tidestream.noaa.config.NoaaSourceConfig.BAN_COOLDOWN;
import static io.tidestream.noaa.config.NoaaSourceConfig.BAN_COOLDOWN_MAX;
import static io.tidestream.noaa.config.NoaaSourceConfig.DATA_URL;
import static io.tidestream.noaa.config.NoaaSourceConfig.DAY_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.DEFAULT_DATA_URL;
import static io.tidestream.noaa.config.NoaaSourceConfig.DEFAULT_METADATA_URL;
import static io.tidestream.noaa.config.NoaaSourceConfig.G_HTTP;
import static io.tidestream.noaa.config.NoaaSourceConfig.HOUR_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.METADATA_URL;
import static io.tidestream.noaa.config.NoaaSourceConfig.MINUTE_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.OUTAGE_FRACTION;
import static io.tidestream.noaa.config.NoaaSourceConfig.QUARANTINE_RECHECK;
import static io.tidestream.noaa.config.NoaaSourceConfig.REQUESTS_PER_SECOND;
import static io.tidestream.noaa.config.NoaaSourceConfig.SECOND_MS;
import static io.tidestream.noaa.config.NoaaSourceConfig.TIMEOUTS;
import static io.tidestream.noaa.config.NoaaSourceConfig.VALIDATE_NETWORK;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The NOAA API and politeness group: URLs, request rate, timeouts, backoff, ban cool-down, outages,
 * quarantine.
 */
final class HttpConfigs {

  private HttpConfigs() {}

  static void addHttpConfigs(ConfigDef def) {
    int o = 0;
    def.define(
        DATA_URL,
        Type.STRING,
        DEFAULT_DATA_URL,
        new UrlValidator(),
        Importance.LOW,
        "URL of NOAA's datagetter (point it at the simulator for tests).",
        G_HTTP,
        ++o,
        Width.LONG,
        "Data API URL");
    def.define(
        METADATA_URL,
        Type.STRING,
        DEFAULT_METADATA_URL,
        new UrlValidator(),
        Importance.LOW,
        "Base URL of NOAA's metadata API (stations.json, stations/{id}.json).",
        G_HTTP,
        ++o,
        Width.LONG,
        "Metadata API URL");
    def.define(
        APPLICATION,
        Type.STRING,
        "tidestream",
        ConfigDef.LambdaValidator.with(
            (n, v) -> {
              if (!String.valueOf(v).matches("[A-Za-z0-9._-]{1,64}")) {
                throw new org.apache.kafka.common.config.ConfigException(
                    n, v, "Use 1-64 letters, digits, '.', '_' or '-'");
              }
            },
            () -> "1-64 letters, digits, '.', '_', '-'"),
        Importance.LOW,
        "Value of the 'application' parameter NOAA asks callers to send: name your deployment.",
        G_HTTP,
        ++o,
        Width.MEDIUM,
        "Application name");
    def.define(
        REQUESTS_PER_SECOND,
        Type.DOUBLE,
        1.0,
        Range.between(0.001, 10.0),
        Importance.MEDIUM,
        "Request rate of the whole connector, whatever tasks.max: the tasks take turns in one "
            + "schedule of request slots (slot k at k/rate s since the epoch; task i of n uses "
            + "every n-th slot), so adding tasks never adds requests and no two tasks send "
            + "together. The connector's own metadata requests (validation, start-up) use the "
            + "same slots. NOAA has banned clients at about 9 requests/s; careful clients use 1.",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Requests per second");
    o = TIMEOUTS.define(def, G_HTTP, o, 5_000L, 30_000L, "");
    o =
        BACKOFF.define(
            def, G_HTTP, o, 2_000L, 5 * MINUTE_MS, "of a unit after a transient failure");
    def.define(
        BAN_COOLDOWN,
        Type.LONG,
        15 * MINUTE_MS,
        Range.between(SECOND_MS, 7 * DAY_MS),
        Importance.MEDIUM,
        "After NOAA answers 403 Forbidden (an IP ban), stop all requests of the task for this "
            + "long (ms); the cool-down doubles on each repeated ban.",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Ban cool-down (ms)");
    def.define(
        BAN_COOLDOWN_MAX,
        Type.LONG,
        6 * HOUR_MS,
        Range.between(SECOND_MS, 30 * DAY_MS),
        Importance.LOW,
        "Cap of the doubling ban cool-down, in ms.",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Max ban cool-down (ms)");
    def.define(
        OUTAGE_FRACTION,
        Type.DOUBLE,
        0.6,
        Range.between(0.0, 1.0),
        Importance.LOW,
        "When at least this fraction of a task's units (and at least 3) got the same error "
            + "within a few minutes, it is treated as a NOAA outage (retry later), not as "
            + "wrong configuration of each unit.",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Outage fraction");
    def.define(
        QUARANTINE_RECHECK,
        Type.LONG,
        DAY_MS,
        Range.between(MINUTE_MS, 30 * DAY_MS),
        Importance.LOW,
        "A unit NOAA rejects as misconfigured (wrong datum, product not offered) is quarantined "
            + "and asked again only after this long (ms).",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Quarantine re-check (ms)");
    def.define(
        VALIDATE_NETWORK,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Whether config validation asks the metadata API whether stations exist and offer "
            + "the products (one station list plus one per product type, whatever the number of "
            + "stations, kept for an hour) and, for up to 5 stations, have the datum. The requests "
            + "are paced at noaa.requests.per.second. A network failure is only a warning.",
        G_HTTP,
        ++o,
        Width.SHORT,
        "Validate against NOAA");
  }
}
