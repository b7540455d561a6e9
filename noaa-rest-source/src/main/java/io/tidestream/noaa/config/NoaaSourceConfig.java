package io.tidestream.noaa.config;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.noaa.api.NoaaProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Configuration of the NOAA CO-OPS source connector. Business code uses the typed getters. */
public final class NoaaSourceConfig extends AbstractConfig {

  // Stations
  public static final String STATIONS = "noaa.stations";
  public static final String DISCOVER_TYPE = "noaa.stations.discover.type";
  public static final String DISCOVER_STATE = "noaa.stations.discover.state";
  public static final String DISCOVER_INTERVAL = "noaa.stations.discover.interval";
  // Products
  public static final String PRODUCTS = "noaa.products";
  public static final String DATUM = "noaa.datum";
  public static final String UNITS = "noaa.units";
  public static final String PREDICTIONS_INTERVAL = "noaa.predictions.interval";
  public static final String MET_INTERVAL = "noaa.met.interval";
  // Time
  public static final String START = "noaa.start";
  public static final String SAFETY_LAG = "noaa.safety.lag";
  public static final String LATENESS = "noaa.lateness";
  public static final String PREDICTIONS_HORIZON = "noaa.predictions.horizon";
  public static final String REVISIONS_WINDOW = "noaa.revisions.window";
  public static final String REVISIONS_INTERVAL = "noaa.revisions.interval";
  // Output
  public static final String TOPIC = "topic";
  public static final String ERRORS_TOPIC = "noaa.errors.topic";
  public static final String MALFORMED_ROWS_ACTION = "noaa.malformed.rows.action";
  // Politeness and HTTP
  public static final String DATA_URL = "noaa.data.url";
  public static final String METADATA_URL = "noaa.metadata.url";
  public static final String APPLICATION = "noaa.application";
  public static final String REQUESTS_PER_SECOND = "noaa.requests.per.second";
  public static final String CONNECT_TIMEOUT = "noaa.http.connect.timeout";
  public static final String READ_TIMEOUT = "noaa.http.read.timeout";
  public static final String BACKOFF_INITIAL = "noaa.retry.backoff.initial";
  public static final String BACKOFF_MAX = "noaa.retry.backoff.max";
  public static final String BAN_COOLDOWN = "noaa.ban.cooldown";
  public static final String BAN_COOLDOWN_MAX = "noaa.ban.cooldown.max";
  public static final String OUTAGE_FRACTION = "noaa.outage.fraction";
  public static final String QUARANTINE_RECHECK = "noaa.quarantine.recheck";
  public static final String VALIDATE_NETWORK = "noaa.validate.network";

  public static final String DEFAULT_DATA_URL =
      "https://api.tidesandcurrents.noaa.gov/api/prod/datagetter";
  public static final String DEFAULT_METADATA_URL =
      "https://api.tidesandcurrents.noaa.gov/mdapi/prod/webapi";

  public static final List<String> DATUMS =
      List.of("MLLW", "MSL", "MHHW", "MHW", "MTL", "MLW", "NAVD", "STND", "IGLD", "LWD", "CRD");
  public static final List<String> DISCOVER_TYPES =
      List.of("waterlevels", "tidepredictions", "met", "1minute", "historicwl", "airgap");

  private static final String G_STATIONS = "Stations";
  private static final String G_PRODUCTS = "Products";
  private static final String G_TIME = "Time windows";
  private static final String G_OUTPUT = "Output";
  private static final String G_HTTP = "NOAA API and politeness";

  private static final ConfigDef CONFIG_DEF = build();

  public NoaaSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    addStationConfigs(def);
    addProductConfigs(def);
    addTimeConfigs(def);
    addOutputConfigs(def);
    addHttpConfigs(def);
    return def;
  }

  private static void addStationConfigs(ConfigDef def) {
    int o = 0;
    def.define(STATIONS, Type.LIST, "",
        new PatternListValidator("[A-Za-z0-9]{5,12}", "a NOAA station id such as 8454000"),
        Importance.HIGH,
        "Comma-separated NOAA CO-OPS station ids, e.g. 8454000,9447130. When empty, stations are "
            + "discovered from the metadata API (see " + DISCOVER_TYPE + ").",
        G_STATIONS, ++o, Width.LONG, "Stations");
    ChoiceListValidator types = new ChoiceListValidator(DISCOVER_TYPES, true);
    def.define(DISCOVER_TYPE, Type.STRING, "", types, Importance.MEDIUM,
        "Station type to discover from the metadata API (stations.json?type=...) when "
            + STATIONS + " is empty. Empty means no discovery.",
        G_STATIONS, ++o, Width.MEDIUM, "Discover station type", types);
    def.define(DISCOVER_STATE, Type.STRING, "",
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
        G_STATIONS, ++o, Width.SHORT, "Discover state");
    def.define(DISCOVER_INTERVAL, Type.STRING, "PT24H",
        new DurationValidator(Duration.ofMinutes(10)), Importance.LOW,
        "How often the connector re-reads the discovered station list; when it changes the "
            + "connector asks Connect to reconfigure its tasks.",
        G_STATIONS, ++o, Width.SHORT, "Discovery interval");
  }

  private static void addProductConfigs(ConfigDef def) {
    int o = 0;
    ChoiceListValidator products = new ChoiceListValidator(NoaaProduct.apiNames(), false);
    def.define(PRODUCTS, Type.LIST, "water_level", products, Importance.HIGH,
        "Comma-separated datagetter products to stream for every station. One source "
            + "partition (work unit) per station and product.",
        G_PRODUCTS, ++o, Width.LONG, "Products", products);
    ChoiceValidator datums = ChoiceValidator.of(DATUMS.toArray(String[]::new));
    def.define(DATUM, Type.STRING, "MLLW", datums, Importance.MEDIUM,
        "Vertical datum for water-level products and predictions. Great Lakes stations use "
            + "IGLD or LWD.",
        G_PRODUCTS, ++o, Width.SHORT, "Datum", datums);
    ChoiceValidator units = ChoiceValidator.of("metric", "english");
    def.define(UNITS, Type.STRING, "metric", units, Importance.MEDIUM,
        "Units of the values: metric or english.", G_PRODUCTS, ++o, Width.SHORT, "Units", units);
    ChoiceValidator predInt =
        ChoiceValidator.of("h", "1", "5", "6", "10", "15", "30", "60", "hilo");
    def.define(PREDICTIONS_INTERVAL, Type.STRING, "6", predInt, Importance.LOW,
        "Interval of tide predictions: minutes (1,5,6,10,15,30,60), h (hourly) or hilo (highs "
            + "and lows only).",
        G_PRODUCTS, ++o, Width.SHORT, "Predictions interval", predInt);
    ChoiceValidator metInt = ChoiceValidator.of("6", "h");
    def.define(MET_INTERVAL, Type.STRING, "6", metInt, Importance.LOW,
        "Interval of meteorological products (wind, temperatures, pressure, ...): 6 (minutes) "
            + "or h (hourly).",
        G_PRODUCTS, ++o, Width.SHORT, "Met interval", metInt);
  }

  private static void addTimeConfigs(ConfigDef def) {
    int o = 0;
    def.define(START, Type.STRING, "P7D", new StartValidator(), Importance.HIGH,
        "Where a unit with no stored offset starts: an instant (2025-01-01T00:00:00Z), a UTC "
            + "date (2025-01-01) or a duration back from the connector's first start (P30D). "
            + "Backfill runs in windows no wider than the product's maximum span.",
        G_TIME, ++o, Width.MEDIUM, "Start");
    def.define(SAFETY_LAG, Type.STRING, "PT3M", new DurationValidator(Duration.ZERO),
        Importance.LOW,
        "While tailing, request observations only up to now minus this lag, so a sample NOAA "
            + "is still publishing is not asked for too early.",
        G_TIME, ++o, Width.SHORT, "Safety lag");
    def.define(LATENESS, Type.STRING, "PT3H", new DurationValidator(Duration.ZERO),
        Importance.MEDIUM,
        "An empty answer does not advance a unit's watermark until the window's end is older "
            + "than this, so late-arriving data is not skipped.",
        G_TIME, ++o, Width.SHORT, "Allowed lateness");
    def.define(PREDICTIONS_HORIZON, Type.STRING, "P2D", new DurationValidator(Duration.ZERO),
        Importance.MEDIUM,
        "Keep tide predictions this far ahead of now (rolling; rows are sent once). PT0S "
            + "streams predictions only up to now.",
        G_TIME, ++o, Width.SHORT, "Predictions horizon");
    def.define(REVISIONS_WINDOW, Type.STRING, "PT0S", new DurationValidator(Duration.ZERO),
        Importance.LOW,
        "When positive, re-poll this trailing window of water_level/one_minute_water_level and "
            + "emit rows that turned from preliminary to verified (each once). NOAA verifies "
            + "about a month later, so P45D is typical. PT0S disables revisions.",
        G_TIME, ++o, Width.SHORT, "Revisions window");
    def.define(REVISIONS_INTERVAL, Type.STRING, "PT6H",
        new DurationValidator(Duration.ofMinutes(1)), Importance.LOW,
        "How often each unit re-polls its revisions window.",
        G_TIME, ++o, Width.SHORT, "Revisions interval");
  }

  private static void addOutputConfigs(ConfigDef def) {
    int o = 0;
    def.define(TOPIC, Type.STRING, "noaa.${product}", new TopicTemplateValidator(false),
        Importance.HIGH,
        "Topic for observation records; ${product} is replaced by the product name "
            + "(noaa.${product} -> noaa.water_level).",
        G_OUTPUT, ++o, Width.MEDIUM, "Topic");
    def.define(ERRORS_TOPIC, Type.STRING, "", new TopicTemplateValidator(true), Importance.LOW,
        "When set, every classified NOAA error (request URL, HTTP status, kind, NOAA's message "
            + "and up to 4 KiB of the body) is also published to this topic for auditing. "
            + "Errors are never published to the data topic.",
        G_OUTPUT, ++o, Width.MEDIUM, "Errors topic");
    ChoiceValidator rowActions = ChoiceValidator.of(MalformedRowAction.class);
    def.define(MALFORMED_ROWS_ACTION, Type.STRING,
        ChoiceValidator.toConfigValue(MalformedRowAction.REPORT), rowActions, Importance.LOW,
        "What to do with a row of NOAA's answer whose time is missing or unreadable (it cannot be "
            + "placed in the series). report: deliver the answer's other rows, count the row in "
            + "the malformed-rows metric, log one WARN line per answer and, when "
            + ERRORS_TOPIC + " is set, publish the row there as MALFORMED_ROW. fail: stop the "
            + "task with an error naming the row. A value that is not a number (\"NaN\") is not "
            + "a malformed row: it is delivered as null and counted in unreadable-values. "
            + "Connect's errors.tolerance does not change this.",
        G_OUTPUT, ++o, Width.SHORT, "Malformed rows", rowActions);
  }

  private static void addHttpConfigs(ConfigDef def) {
    int o = 0;
    def.define(DATA_URL, Type.STRING, DEFAULT_DATA_URL, new UrlValidator(), Importance.LOW,
        "URL of NOAA's datagetter (point it at the simulator for tests).",
        G_HTTP, ++o, Width.LONG, "Data API URL");
    def.define(METADATA_URL, Type.STRING, DEFAULT_METADATA_URL, new UrlValidator(),
        Importance.LOW, "Base URL of NOAA's metadata API (stations.json, stations/{id}.json).",
        G_HTTP, ++o, Width.LONG, "Metadata API URL");
    def.define(APPLICATION, Type.STRING, "tidestream",
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
        G_HTTP, ++o, Width.MEDIUM, "Application name");
    def.define(REQUESTS_PER_SECOND, Type.DOUBLE, 1.0, Range.between(0.001, 10.0),
        Importance.MEDIUM,
        "Request rate of the whole connector, whatever tasks.max: the tasks take turns in one "
            + "schedule of request slots (slot k at k/rate s since the epoch; task i of n uses "
            + "every n-th slot), so adding tasks never adds requests and no two tasks send "
            + "together. The connector's own metadata requests (validation, start-up) use the "
            + "same slots. NOAA has banned clients at about 9 requests/s; careful clients use 1.",
        G_HTTP, ++o, Width.SHORT, "Requests per second");
    def.define(CONNECT_TIMEOUT, Type.STRING, "PT5S", new DurationValidator(Duration.ofMillis(100)),
        Importance.LOW, "HTTP connect timeout.", G_HTTP, ++o, Width.SHORT, "Connect timeout");
    def.define(READ_TIMEOUT, Type.STRING, "PT30S", new DurationValidator(Duration.ofMillis(100)),
        Importance.LOW, "HTTP read timeout.", G_HTTP, ++o, Width.SHORT, "Read timeout");
    def.define(BACKOFF_INITIAL, Type.STRING, "PT2S", new DurationValidator(Duration.ofMillis(1)),
        Importance.LOW,
        "First retry delay of a unit after a transient failure; doubles per failure, jittered.",
        G_HTTP, ++o, Width.SHORT, "Initial backoff");
    def.define(BACKOFF_MAX, Type.STRING, "PT5M", new DurationValidator(Duration.ofMillis(1)),
        Importance.LOW, "Cap of a unit's retry delay.", G_HTTP, ++o, Width.SHORT, "Max backoff");
    def.define(BAN_COOLDOWN, Type.STRING, "PT15M", new DurationValidator(Duration.ofSeconds(1)),
        Importance.MEDIUM,
        "After NOAA answers 403 Forbidden (an IP ban), stop all requests of the task for this "
            + "long; the cool-down doubles on each repeated ban.",
        G_HTTP, ++o, Width.SHORT, "Ban cool-down");
    def.define(BAN_COOLDOWN_MAX, Type.STRING, "PT6H", new DurationValidator(Duration.ofSeconds(1)),
        Importance.LOW, "Cap of the doubling ban cool-down.",
        G_HTTP, ++o, Width.SHORT, "Max ban cool-down");
    def.define(OUTAGE_FRACTION, Type.DOUBLE, 0.6, Range.between(0.0, 1.0), Importance.LOW,
        "When at least this fraction of a task's units (and at least 3) got the same error "
            + "within a few minutes, it is treated as a NOAA outage (retry later), not as "
            + "wrong configuration of each unit.",
        G_HTTP, ++o, Width.SHORT, "Outage fraction");
    def.define(QUARANTINE_RECHECK, Type.STRING, "PT24H",
        new DurationValidator(Duration.ofMinutes(1)), Importance.LOW,
        "A unit NOAA rejects as misconfigured (wrong datum, product not offered) is quarantined "
            + "and asked again only after this long.",
        G_HTTP, ++o, Width.SHORT, "Quarantine re-check");
    def.define(VALIDATE_NETWORK, Type.BOOLEAN, true, Importance.LOW,
        "Whether config validation asks the metadata API whether stations exist and offer "
            + "the products (one station list plus one per product type, whatever the number of "
            + "stations, kept for an hour) and, for up to 5 stations, have the datum. The requests "
            + "are paced at noaa.requests.per.second. A network failure is only a warning.",
        G_HTTP, ++o, Width.SHORT, "Validate against NOAA");
  }

  private Duration duration(String key) {
    return Duration.parse(getString(key).trim());
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
    return duration(CONNECT_TIMEOUT);
  }

  public Duration readTimeout() {
    return duration(READ_TIMEOUT);
  }

  public Duration backoffInitial() {
    return duration(BACKOFF_INITIAL);
  }

  public Duration backoffMax() {
    return duration(BACKOFF_MAX);
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
