package io.tidestream.noaa.config;

import io.tidestream.common.config.BackoffConfig;
import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.HttpTimeoutConfig;
import io.tidestream.noaa.api.NoaaProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Configuration of the NOAA CO-OPS source connector. Business code uses the typed getters. */
public final class NoaaSourceConfig extends AbstractConfig {

  // Stations
  public static final String STATIONS = "noaa.stations";
  public static final String DISCOVER_TYPE = "noaa.stations.discover.type";
  public static final String DISCOVER_STATE = "noaa.stations.discover.state";
  public static final String DISCOVER_INTERVAL = "noaa.stations.discover.interval.ms";
  // Products
  public static final String PRODUCTS = "noaa.products";
  public static final String DATUM = "noaa.datum";
  public static final String UNITS = "noaa.units";
  public static final String PREDICTIONS_INTERVAL = "noaa.predictions.interval";
  public static final String MET_INTERVAL = "noaa.met.interval";
  // Time
  public static final String START = "noaa.start";
  public static final String SAFETY_LAG = "noaa.safety.lag.ms";
  public static final String LATENESS = "noaa.lateness.ms";
  public static final String PREDICTIONS_HORIZON = "noaa.predictions.horizon.ms";
  public static final String REVISIONS_WINDOW = "noaa.revisions.window.ms";
  public static final String REVISIONS_INTERVAL = "noaa.revisions.interval.ms";
  // Output
  public static final String TOPIC = "topic";
  public static final String ERRORS_TOPIC = "noaa.errors.topic";
  public static final String MALFORMED_ROWS_ACTION = "noaa.malformed.rows.action";
  // Politeness and HTTP
  public static final String DATA_URL = "noaa.data.url";
  public static final String METADATA_URL = "noaa.metadata.url";
  public static final String APPLICATION = "noaa.application";
  public static final String REQUESTS_PER_SECOND = "noaa.requests.per.second";
  public static final String CONNECT_TIMEOUT = "noaa.http.connect.timeout.ms";
  public static final String READ_TIMEOUT = "noaa.http.read.timeout.ms";
  public static final String BACKOFF_INITIAL = "noaa.retry.backoff.initial.ms";
  public static final String BACKOFF_MAX = "noaa.retry.backoff.max.ms";
  public static final String BAN_COOLDOWN = "noaa.ban.cooldown.ms";
  public static final String BAN_COOLDOWN_MAX = "noaa.ban.cooldown.max.ms";
  public static final String OUTAGE_FRACTION = "noaa.outage.fraction";
  public static final String QUARANTINE_RECHECK = "noaa.quarantine.recheck.ms";
  public static final String VALIDATE_NETWORK = "noaa.validate.network";

  public static final String DEFAULT_DATA_URL =
      "https://api.tidesandcurrents.noaa.gov/api/prod/datagetter";
  public static final String DEFAULT_METADATA_URL =
      "https://api.tidesandcurrents.noaa.gov/mdapi/prod/webapi";

  public static final List<String> DATUMS =
      List.of("MLLW", "MSL", "MHHW", "MHW", "MTL", "MLW", "NAVD", "STND", "IGLD", "LWD", "CRD");
  public static final List<String> DISCOVER_TYPES =
      List.of("waterlevels", "tidepredictions", "met", "1minute", "historicwl", "airgap");

  static final String G_STATIONS = "Stations";
  static final String G_PRODUCTS = "Products";
  static final String G_TIME = "Time windows";
  static final String G_OUTPUT = "Output";
  static final String G_HTTP = "NOAA API and politeness";

  static final long SECOND_MS = 1_000L;
  static final long MINUTE_MS = 60 * SECOND_MS;
  static final long HOUR_MS = 60 * MINUTE_MS;
  static final long DAY_MS = 24 * HOUR_MS;

  /** Shared fragments (connect-common); defined before CONFIG_DEF, which uses them. */
  static final HttpTimeoutConfig TIMEOUTS = new HttpTimeoutConfig(CONNECT_TIMEOUT, READ_TIMEOUT);

  static final BackoffConfig BACKOFF = new BackoffConfig(BACKOFF_INITIAL, BACKOFF_MAX);

  private static final ConfigDef CONFIG_DEF = build();

  public NoaaSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    StationConfigs.addStationConfigs(def);
    ProductConfigs.addProductConfigs(def);
    TimeConfigs.addTimeConfigs(def);
    OutputConfigs.addOutputConfigs(def);
    HttpConfigs.addHttpConfigs(def);
    return def;
  }

  private Duration duration(String key) {
    return Duration.ofMillis(getLong(key));
  }

  public List<String> stations() {
    return getList(STATIONS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public String discoverType() {
    return getString(DISCOVER_TYPE).trim();
  }

  public String discoverState() {
    return getString(DISCOVER_STATE).trim();
  }

  public Duration discoverInterval() {
    return duration(DISCOVER_INTERVAL);
  }

  public List<NoaaProduct> products() {
    return getList(PRODUCTS).stream()
        .map(String::trim)
        .distinct()
        .map(p -> NoaaProduct.fromApiName(p).orElseThrow())
        .toList();
  }

  /** Upper-case, as NOAA writes datums. */
  public String datum() {
    return getString(DATUM).trim().toUpperCase(Locale.ROOT);
  }

  public String units() {
    return getString(UNITS).trim().toLowerCase(Locale.ROOT);
  }

  public String predictionsInterval() {
    return getString(PREDICTIONS_INTERVAL).trim().toLowerCase(Locale.ROOT);
  }

  public String metInterval() {
    return getString(MET_INTERVAL).trim().toLowerCase(Locale.ROOT);
  }

  public Instant start(Instant now) {
    return StartValidator.resolve(getString(START), now);
  }

  public Duration safetyLag() {
    return duration(SAFETY_LAG);
  }

  public Duration lateness() {
    return duration(LATENESS);
  }

  public Duration predictionsHorizon() {
    return duration(PREDICTIONS_HORIZON);
  }

  public Duration revisionsWindow() {
    return duration(REVISIONS_WINDOW);
  }

  public Duration revisionsInterval() {
    return duration(REVISIONS_INTERVAL);
  }

  public String topicFor(NoaaProduct product) {
    return TopicTemplateValidator.render(getString(TOPIC).trim(), product.apiName());
  }

  /** Empty when no errors topic is configured. */
  public String errorsTopic() {
    return getString(ERRORS_TOPIC).trim();
  }

  public MalformedRowAction malformedRowAction() {
    return ChoiceValidator.toEnum(MalformedRowAction.class, getString(MALFORMED_ROWS_ACTION));
  }

  public String dataUrl() {
    return getString(DATA_URL).trim();
  }

  public String metadataUrl() {
    return getString(METADATA_URL).trim();
  }

  public String application() {
    return getString(APPLICATION);
  }

  public double requestsPerSecond() {
    return getDouble(REQUESTS_PER_SECOND);
  }

  public Duration connectTimeout() {
    return TIMEOUTS.connectTimeout(this);
  }

  public Duration readTimeout() {
    return TIMEOUTS.readTimeout(this);
  }

  public Duration backoffInitial() {
    return BACKOFF.initial(this);
  }

  /** Never below the initial delay (validate() rejects that; a stored config may predate it). */
  public Duration backoffMax() {
    return BACKOFF.max(this);
  }

  public Duration banCooldown() {
    return duration(BAN_COOLDOWN);
  }

  public Duration banCooldownMax() {
    return duration(BAN_COOLDOWN_MAX);
  }

  public double outageFraction() {
    return getDouble(OUTAGE_FRACTION);
  }

  public Duration quarantineRecheck() {
    return duration(QUARANTINE_RECHECK);
  }

  public boolean validateNetwork() {
    return getBoolean(VALIDATE_NETWORK);
  }
}
