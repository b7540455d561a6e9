package io.tidestream.elastic.config;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.json.DottedPath;
import io.tidestream.elastic.retry.ErrorAction;
import io.tidestream.elastic.retry.ErrorTypeActions;
import io.tidestream.elastic.document.IndexNameTemplate;
import io.tidestream.elastic.filter.ErrorPredicate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Configuration of the Elasticsearch/OpenSearch geo sink. The generated reference is docs/elastic-geo-sink-config.rst. */
public final class ElasticGeoSinkConfig extends AbstractConfig {

  // Connection
  public static final String URLS = "connection.urls";
  public static final String USERNAME = "connection.username";
  public static final String PASSWORD = "connection.password";
  public static final String API_KEY = "connection.api.key";
  public static final String CONNECT_TIMEOUT = "connection.timeout.ms";
  public static final String READ_TIMEOUT = "connection.read.timeout.ms";
  public static final String COMPRESSION = "connection.compression";
  public static final String TRUSTSTORE_PATH = "connection.tls.truststore.path";
  public static final String TRUSTSTORE_PASSWORD = "connection.tls.truststore.password";
  public static final String TRUSTSTORE_TYPE = "connection.tls.truststore.type";
  public static final String CA_PEM_PATH = "connection.tls.ca.pem.path";
  public static final String HOSTNAME_VERIFICATION = "connection.tls.hostname.verification";
  // Documents
  public static final String INDEX_NAME = "index.name";
  public static final String INDEX_TIME_FIELD = "index.time.field";
  public static final String ID_STRATEGY = "document.id.strategy";
  public static final String ID_FIELDS = "document.id.fields";
  public static final String NULL_VALUES = "behavior.on.null.values";
  public static final String TIME_FORMAT = "document.time.format";
  public static final String DOCUMENT_MAX_BYTES = "document.max.bytes";
  // Geo
  public static final String GEO_ENABLED = "geo.enabled";
  public static final String GEO_LAT = "geo.lat.field";
  public static final String GEO_LON = "geo.lon.field";
  public static final String GEO_TARGET = "geo.target.field";
  public static final String GEO_INVALID_ACTION = "geo.invalid.action";
  public static final String GEO_MISSING_ACTION = "geo.missing.action";
  // Filter
  public static final String FILTER_PREDICATES = "filter.error.predicates";
  public static final String FILTER_ACTION = "filter.error.action";
  public static final String NON_JSON_ACTION = "filter.non.json.action";
  // Mapping
  public static final String TEMPLATE_MODE = "mapping.template.mode";
  public static final String TEMPLATE_FILE = "mapping.template.file";
  public static final String TEMPLATE_INLINE = "mapping.template.inline";
  public static final String TEMPLATE_NAME = "mapping.template.name";
  public static final String TEMPLATE_PATTERNS = "mapping.template.patterns";
  public static final String TEMPLATE_PRIORITY = "mapping.template.priority";
  public static final String INDEX_SETTINGS = "mapping.index.settings";
  public static final String READ_ALIAS = "mapping.read.alias";
  public static final String WRITE_ALIAS_BOOTSTRAP = "mapping.write.alias.bootstrap";
  // Bulk
  public static final String BULK_MAX_ACTIONS = "bulk.max.actions";
  public static final String BULK_MAX_BYTES = "bulk.max.bytes";
  public static final String BULK_LINGER = "bulk.linger.ms";
  public static final String BULK_IN_FLIGHT = "bulk.max.in.flight.requests";
  public static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
  public static final String BUFFER_MAX_RECORDS = "buffer.max.records";
  // Retries and errors
  public static final String BACKOFF_INITIAL = "retry.backoff.initial.ms";
  public static final String BACKOFF_MAX = "retry.backoff.max.ms";
  public static final String RETRY_BUDGET = "retry.budget.ms";
  public static final String ERROR_TYPE_ACTIONS = "errors.type.actions";
  public static final String UNKNOWN_ERROR_ACTION = "errors.unknown.action";

  /** Framework keys (not ours) that decide whether a dead-letter topic exists. */
  public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
  public static final String ERRORS_TOLERANCE = "errors.tolerance";

  static final String GROUP_CONNECTION = "Connection";
  static final String GROUP_DOCUMENT = "Documents";
  static final String GROUP_GEO = "Geo point";
  static final String GROUP_FILTER = "Error payloads";
  static final String GROUP_MAPPING = "Mapping";
  static final String GROUP_BULK = "Bulk writing";
  static final String GROUP_ERRORS = "Retries and errors";

  public static final ConfigDef CONFIG_DEF = configDef();

  public ElasticGeoSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
  }

  public static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    addConnectionConfigs(def);
    addDocumentConfigs(def);
    addGeoConfigs(def);
    addFilterConfigs(def);
    addMappingConfigs(def);
    addBulkConfigs(def);
    addErrorConfigs(def);
    return def;
  }

  private static void addConnectionConfigs(ConfigDef def) {
    int order = 0;
    def.define(URLS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.urls(), Importance.HIGH,
            "Comma-separated URLs of Elasticsearch 7.17-9.x or OpenSearch 2.x-3.x nodes, e.g. "
                + "https://es1:9200,https://es2:9200. Requests are spread over them; a failing node is retried later.",
            GROUP_CONNECTION, ++order, Width.LONG, "Engine URLs")
        .define(USERNAME, Type.STRING, null, Importance.HIGH,
            "User for HTTP basic authentication. Leave empty for no authentication or for an API key.",
            GROUP_CONNECTION, ++order, Width.MEDIUM, "Username")
        .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
            "Password for HTTP basic authentication.", GROUP_CONNECTION, ++order, Width.MEDIUM, "Password")
        .define(API_KEY, Type.PASSWORD, null, Importance.HIGH,
            "Elasticsearch API key, the base64 'id:api_key' value sent as 'Authorization: ApiKey <value>'. "
                + "Use either this or basic authentication.",
            GROUP_CONNECTION, ++order, Width.LONG, "API key")
        .define(CONNECT_TIMEOUT, Type.INT, 5_000, Range.atLeast(1), Importance.LOW,
            "Timeout in ms for opening a TCP connection to a node.", GROUP_CONNECTION, ++order, Width.SHORT, "Connect timeout (ms)")
        .define(READ_TIMEOUT, Type.INT, 60_000, Range.atLeast(1), Importance.LOW,
            "Socket timeout in ms while waiting for a response; a bulk request that times out is retried.",
            GROUP_CONNECTION, ++order, Width.SHORT, "Read timeout (ms)")
        .define(COMPRESSION, Type.BOOLEAN, false, Importance.LOW,
            "Gzip request bodies. Saves network on remote clusters; costs CPU, so leave it off on a local node.",
            GROUP_CONNECTION, ++order, Width.SHORT, "Gzip requests")
        .define(TRUSTSTORE_PATH, Type.STRING, null, ConfigValidators.readableFile(), Importance.MEDIUM,
            "Trust store (PKCS12 or JKS) with the CA that signed the engine's certificate, for https URLs. "
                + "Leave empty to use the JVM's default trust store or " + CA_PEM_PATH + ".",
            GROUP_CONNECTION, ++order, Width.LONG, "Trust store")
        .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
            "Password of the trust store.", GROUP_CONNECTION, ++order, Width.MEDIUM, "Trust store password")
        .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ChoiceValidator.of("PKCS12", "JKS"), Importance.LOW,
            "Type of the trust store.", GROUP_CONNECTION, ++order, Width.SHORT, "Trust store type",
            ChoiceValidator.of("PKCS12", "JKS"))
        .define(CA_PEM_PATH, Type.STRING, null, ConfigValidators.readableFile(), Importance.MEDIUM,
            "PEM file with one or more CA certificates to trust for https URLs (e.g. the engine's "
                + "config/certs/http_ca.crt). An alternative to a trust store.",
            GROUP_CONNECTION, ++order, Width.LONG, "CA certificate (PEM)")
        .define(HOSTNAME_VERIFICATION, Type.BOOLEAN, true, Importance.LOW,
            "Check that the engine's certificate names the host in the URL. Turn off only for tests.",
            GROUP_CONNECTION, ++order, Width.SHORT, "Verify host names");
  }

  private static void addDocumentConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator ids = ChoiceValidator.of(IdStrategy.class);
    ChoiceValidator nulls = ChoiceValidator.of(NullValueBehavior.class);
    ChoiceValidator times = ChoiceValidator.of(TimeFormat.class);
    def.define(INDEX_NAME, Type.STRING, "${topic}", ConfigValidators.indexName(), Importance.HIGH,
            "Index (or alias) to write to. Placeholders: ${topic} and date patterns in UTC from the record "
                + "time, e.g. tides-${yyyy.MM} or tides-${yyyy.MM.dd}. A name without placeholders is a fixed "
                + "index or alias.",
            GROUP_DOCUMENT, ++order, Width.LONG, "Index name")
        .define(INDEX_TIME_FIELD, Type.STRING, "", ConfigValidators.path(true), Importance.LOW,
            "Dotted path of the value field whose time fills the date placeholders of " + INDEX_NAME
                + " (a Timestamp, epoch milliseconds or ISO-8601 text). Empty: the Kafka record timestamp.",
            GROUP_DOCUMENT, ++order, Width.MEDIUM, "Index time field")
        .define(ID_STRATEGY, Type.STRING, ChoiceValidator.toConfigValue(IdStrategy.RECORD_FIELDS), ids, Importance.HIGH,
            "Document id: record-fields joins the values of " + ID_FIELDS + " with '|' so a replay overwrites "
                + "instead of duplicating; kafka-coordinates uses topic+partition+offset; engine lets the engine "
                + "assign ids (a replay duplicates).",
            GROUP_DOCUMENT, ++order, Width.MEDIUM, "Id strategy", ids)
        .define(ID_FIELDS, Type.LIST, "station_id,product,time", ConfigValidators.paths(), Importance.MEDIUM,
            "Dotted paths of the value fields whose values make the document id (with record-fields). A record "
                + "missing one of them is dead-lettered.",
            GROUP_DOCUMENT, ++order, Width.LONG, "Id fields")
        .define(NULL_VALUES, Type.STRING, ChoiceValidator.toConfigValue(NullValueBehavior.IGNORE), nulls, Importance.MEDIUM,
            "What a tombstone (null value) does: delete the document whose id comes from the record key (a "
                + "string key is the id; a struct or map key gives the id fields), or ignore it.",
            GROUP_DOCUMENT, ++order, Width.SHORT, "Tombstones", nulls)
        .define(TIME_FORMAT, Type.STRING, ChoiceValidator.toConfigValue(TimeFormat.ISO_8601), times, Importance.LOW,
            "How Connect Timestamp values are written: iso-8601 (UTC, e.g. 2015-01-01T00:06:00Z) or epoch-millis.",
            GROUP_DOCUMENT, ++order, Width.SHORT, "Time format", times)
        .define(DOCUMENT_MAX_BYTES, Type.LONG, 1_048_576L, ConfigValidators.sizeOrOff(), Importance.MEDIUM,
            "Largest document (its JSON source) the sink sends, in bytes; -1 sends any size. A larger one, and a "
                + "value beyond the JSON parser's limits (nesting depth, number or string length), is not sent but "
                + "handled as " + UNKNOWN_ERROR_ACTION + " says (dead-letter by default) with reason type "
                + "document_too_large and its size. A string value longer than the limit is refused before it is "
                + "parsed. The default matches the ~1 MiB that the worker's dead-letter producer (max.request.size) "
                + "and Kafka topics (max.message.bytes) accept by default, and stays far below what a small engine "
                + "survives: one 10 MB document can run an engine with a 512 MB heap out of memory, again after "
                + "every restart. A time-series document is a few hundred bytes.",
            GROUP_DOCUMENT, ++order, Width.SHORT, "Max document size (bytes)");
  }

  private static void addGeoConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator actions = ChoiceValidator.of(RecordFailureAction.class);
    def.define(GEO_ENABLED, Type.BOOLEAN, true, Importance.HIGH,
            "Build a geo_point field from latitude and longitude fields of the value.",
            GROUP_GEO, ++order, Width.SHORT, "Build geo points")
        .define(GEO_LAT, Type.STRING, "lat", ConfigValidators.path(false), Importance.HIGH,
            "Dotted path of the latitude (number or numeric string), e.g. lat or metadata.lat.",
            GROUP_GEO, ++order, Width.MEDIUM, "Latitude field")
        .define(GEO_LON, Type.STRING, "lon", ConfigValidators.path(false), Importance.HIGH,
            "Dotted path of the longitude (number or numeric string), e.g. lon or metadata.lon.",
            GROUP_GEO, ++order, Width.MEDIUM, "Longitude field")
        .define(GEO_TARGET, Type.STRING, "location", ConfigValidators.path(false), Importance.MEDIUM,
            "Top-level field that receives {\"lat\":..,\"lon\":..}; map it as geo_point.",
            GROUP_GEO, ++order, Width.MEDIUM, "Geo point field")
        .define(GEO_INVALID_ACTION, Type.STRING, ChoiceValidator.toConfigValue(RecordFailureAction.DEAD_LETTER), actions,
            Importance.MEDIUM,
            "What to do when a coordinate is not a number or out of range (|lat| > 90, |lon| > 180): dead-letter, "
                + "drop, fail, or index-without-location.",
            GROUP_GEO, ++order, Width.SHORT, "Bad coordinates", actions)
        .define(GEO_MISSING_ACTION, Type.STRING, ChoiceValidator.toConfigValue(RecordFailureAction.DEAD_LETTER), actions,
            Importance.MEDIUM,
            "What to do when the latitude or longitude field is missing or null: dead-letter, drop, fail, or "
                + "index-without-location.",
            GROUP_GEO, ++order, Width.SHORT, "Missing coordinates", actions);
  }

  private static void addFilterConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator filterActions = ChoiceValidator.of("dead-letter", "drop");
    ChoiceValidator nonJsonActions = ChoiceValidator.of("dead-letter", "drop", "fail");
    def.define(FILTER_PREDICATES, Type.LIST, "exists:error", ConfigValidators.predicates(), Importance.HIGH,
            "Tests that mark a value as an error payload instead of data, any of which matching is enough: "
                + "exists:<path>, equals:<path>=<text>, matches:<path>=<regex> (whole value). Default: a "
                + "top-level 'error' field, as in NOAA's {\"error\":{\"message\":...}}. Empty: no filter.",
            GROUP_FILTER, ++order, Width.LONG, "Error payload tests")
        .define(FILTER_ACTION, Type.STRING, "dead-letter", filterActions, Importance.MEDIUM,
            "What to do with an error payload: dead-letter (with the matching test in the reason header) or drop.",
            GROUP_FILTER, ++order, Width.SHORT, "Error payload action", filterActions)
        .define(NON_JSON_ACTION, Type.STRING, "dead-letter", nonJsonActions, Importance.MEDIUM,
            "What to do with a string value that is not a JSON object (an HTML error page, plain text): "
                + "dead-letter, drop or fail.",
            GROUP_FILTER, ++order, Width.SHORT, "Non-JSON action", nonJsonActions);
  }

  private static void addMappingConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator modes = ChoiceValidator.of(TemplateMode.class);
    def.define(TEMPLATE_MODE, Type.STRING, ChoiceValidator.toConfigValue(TemplateMode.BUILTIN), modes, Importance.HIGH,
            "Index template installed (created or replaced) at start: builtin (mapping for tidestream NOAA "
                + "records: time date, value double, station_name/station_id/product keyword, location geo_point), "
                + "file, inline, or none.",
            GROUP_MAPPING, ++order, Width.SHORT, "Template source", modes)
        .define(TEMPLATE_FILE, Type.STRING, null, ConfigValidators.readableFile(), Importance.MEDIUM,
            "JSON file with the template (mode file): either a composable template {\"index_patterns\":..,"
                + "\"template\":{\"settings\":..,\"mappings\":..}} or just {\"settings\":..,\"mappings\":..}.",
            GROUP_MAPPING, ++order, Width.LONG, "Template file")
        .define(TEMPLATE_INLINE, Type.STRING, null, ConfigValidators.jsonObject(), Importance.MEDIUM,
            "The template as JSON text (mode inline), in the same forms as " + TEMPLATE_FILE + ".",
            GROUP_MAPPING, ++order, Width.LONG, "Template JSON")
        .define(TEMPLATE_NAME, Type.STRING, "tidestream-geo", ConfigValidators.plainName(false), Importance.LOW,
            "Name of the installed index template.", GROUP_MAPPING, ++order, Width.MEDIUM, "Template name")
        .define(TEMPLATE_PATTERNS, Type.LIST, "", ConfigValidators.indexPatterns(), Importance.MEDIUM,
            "Index patterns the template applies to. Empty: derived from " + INDEX_NAME
                + " (tides-${yyyy.MM} gives tides-*; ${topic} gives one pattern per topic in 'topics').",
            GROUP_MAPPING, ++order, Width.LONG, "Template patterns")
        .define(TEMPLATE_PRIORITY, Type.INT, 200, Range.between(0, 1_000_000), Importance.LOW,
            "Priority of the composable template (Elasticsearch 7.8+/OpenSearch); the legacy order on older "
                + "Elasticsearch.",
            GROUP_MAPPING, ++order, Width.SHORT, "Template priority")
        .define(INDEX_SETTINGS, Type.STRING, "", ConfigValidators.jsonObject(), Importance.LOW,
            "Index settings as a JSON object merged into the template, e.g. "
                + "{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"5s\"}.",
            GROUP_MAPPING, ++order, Width.LONG, "Index settings")
        .define(READ_ALIAS, Type.STRING, "", ConfigValidators.plainName(true), Importance.MEDIUM,
            "Alias the template adds to every index it creates, so dashboards query one name across monthly "
                + "indices and across a mapping roll. Empty: none.",
            GROUP_MAPPING, ++order, Width.MEDIUM, "Read alias")
        .define(WRITE_ALIAS_BOOTSTRAP, Type.BOOLEAN, false, Importance.MEDIUM,
            "With a fixed " + INDEX_NAME + ": when no index or alias of that name exists, create <name>-000001 "
                + "with <name> as its write alias, so a mapping change can later roll to <name>-000002 "
                + "without stopping the sink (see README).",
            GROUP_MAPPING, ++order, Width.SHORT, "Bootstrap write alias");
  }

  private static void addBulkConfigs(ConfigDef def) {
    int order = 0;
    def.define(BULK_MAX_ACTIONS, Type.INT, 1_000, Range.between(1, 100_000), Importance.MEDIUM,
            "Most documents in one _bulk request.", GROUP_BULK, ++order, Width.SHORT, "Batch size (docs)")
        .define(BULK_MAX_BYTES, Type.LONG, 5L * 1024 * 1024, Range.between(1024, 100L * 1024 * 1024), Importance.MEDIUM,
            "Most bytes in one _bulk request body (a single larger document is sent alone).",
            GROUP_BULK, ++order, Width.SHORT, "Batch size (bytes)")
        .define(BULK_LINGER, Type.LONG, 50L, Range.between(0, 60_000), Importance.MEDIUM,
            "How long a batch that is not full waits for more documents before it is sent.",
            GROUP_BULK, ++order, Width.SHORT, "Linger (ms)")
        .define(BULK_IN_FLIGHT, Type.INT, 2, Range.between(1, 64), Importance.MEDIUM,
            "Bulk requests a task keeps in flight at once.", GROUP_BULK, ++order, Width.SHORT, "Requests in flight")
        .define(BUFFER_MAX_BYTES, Type.LONG, 16L * 1024 * 1024, Range.atLeast(1024), Importance.MEDIUM,
            "Bytes of documents a task holds (waiting, in flight or retrying). Above it the task pauses its "
                + "partitions; below half of it they resume. Bounds memory for large documents; see also "
                + BUFFER_MAX_RECORDS + ".",
            GROUP_BULK, ++order, Width.SHORT, "Buffer bound (bytes)")
        .define(BUFFER_MAX_RECORDS, Type.INT, 4_000, Range.atLeast(1), Importance.MEDIUM,
            "Records a task holds until the engine acknowledges them (waiting, in flight, retrying or waiting "
                + "for the dead-letter report). Each keeps the Kafka record it came from besides its document "
                + "(a NOAA record arrives as about 1.1 KB of JSON with its schema, then becomes a struct and a document of about 300 bytes), so with small documents this, not "
                + BUFFER_MAX_BYTES + ", bounds the heap under lag or while the engine is down. Above it the task "
                + "pauses its partitions; below half of it they resume. Keep it above bulk.max.actions x "
                + "(bulk.max.in.flight.requests + 1) or batches go out smaller than they could.",
            GROUP_BULK, ++order, Width.SHORT, "Buffer bound (records)");
  }

  private static void addErrorConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator unknown = ChoiceValidator.of("dead-letter", "ignore", "fail");
    def.define(BACKOFF_INITIAL, Type.LONG, 100L, Range.between(1, 60_000), Importance.LOW,
            "First retry delay in ms; it doubles per attempt, with jitter, up to " + BACKOFF_MAX + ".",
            GROUP_ERRORS, ++order, Width.SHORT, "Initial backoff (ms)")
        .define(BACKOFF_MAX, Type.LONG, 10_000L, Range.between(1, 600_000), Importance.LOW,
            "Longest single retry delay in ms.", GROUP_ERRORS, ++order, Width.SHORT, "Max backoff (ms)")
        .define(RETRY_BUDGET, Type.LONG, 600_000L, ConfigValidators.retryBudget(), Importance.HIGH,
            "How long, in ms from its first failure, the engine may keep refusing one document with transient "
                + "item errors (429 rejections, circuit breakers, unavailable shards) while it answers, and how long "
                + "a failing dead-letter write is retried, before the task fails without committing past the "
                + "record; -1 retries forever. An outage never fails the task: while the engine does not answer "
                + "(connection errors, no answer, 429 or 5xx for whole requests) partitions stay paused for as long "
                + "as it takes, and that time does not count against this budget.",
            GROUP_ERRORS, ++order, Width.SHORT, "Retry budget (ms)")
        .define(ERROR_TYPE_ACTIONS, Type.LIST, "", ConfigValidators.errorTypeActions(), Importance.MEDIUM,
            "Overrides of the per-item action by exact error.type, as <error.type>:<retry|dead-letter|ignore|fail>, "
                + "e.g. version_conflict_engine_exception:ignore. Built in: rejected execution, circuit breaking, "
                + "unavailable shards and cluster blocks retry; mapping, parsing, strict-mapping and illegal-argument "
                + "errors dead-letter.",
            GROUP_ERRORS, ++order, Width.LONG, "Error type actions")
        .define(UNKNOWN_ERROR_ACTION, Type.STRING, "dead-letter", unknown, Importance.MEDIUM,
            "Action for an error.type not in the built-in or configured map whose status is not 429 or 5xx "
                + "(those retry), and for records the sink cannot turn into a document (an id field or the time for "
                + "the index name is missing, or the document is larger than " + DOCUMENT_MAX_BYTES + "): "
                + "dead-letter, ignore (drop) or fail.",
            GROUP_ERRORS, ++order, Width.SHORT, "Unknown error action", unknown);
  }

  // ---- typed getters ----

  public List<URI> urls() {
    List<URI> uris = new ArrayList<>();
    for (String url : getList(URLS)) {
      uris.add(URI.create(url.trim()));
    }
    return uris;
  }

  public String username() {
    String u = getString(USERNAME);
    return u == null || u.isBlank() ? null : u;
  }

  public Password password() {
    return getPassword(PASSWORD);
  }

  public Password apiKey() {
    Password key = getPassword(API_KEY);
    return key == null || key.value().isBlank() ? null : key;
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(CONNECT_TIMEOUT));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(READ_TIMEOUT));
  }

  public boolean compression() {
    return getBoolean(COMPRESSION);
  }

  public String truststorePath() {
    return blankToNull(getString(TRUSTSTORE_PATH));
  }

  public Password truststorePassword() {
    return getPassword(TRUSTSTORE_PASSWORD);
  }

  public String truststoreType() {
    return getString(TRUSTSTORE_TYPE);
  }

  public String caPemPath() {
    return blankToNull(getString(CA_PEM_PATH));
  }

  public boolean hostnameVerification() {
    return getBoolean(HOSTNAME_VERIFICATION);
  }

  public IndexNameTemplate indexName() {
    return IndexNameTemplate.parse(getString(INDEX_NAME));
  }

  /** Null when the record timestamp names the index. */
  public DottedPath indexTimeField() {
    String f = getString(INDEX_TIME_FIELD);
    return f == null || f.isBlank() ? null : DottedPath.parse(f);
  }

  public IdStrategy idStrategy() {
    return ChoiceValidator.toEnum(IdStrategy.class, getString(ID_STRATEGY));
  }

  public List<DottedPath> idFields() {
    return getList(ID_FIELDS).stream().filter(s -> !s.isBlank()).map(DottedPath::parse).toList();
  }

  public NullValueBehavior nullValues() {
    return ChoiceValidator.toEnum(NullValueBehavior.class, getString(NULL_VALUES));
  }

  public TimeFormat timeFormat() {
    return ChoiceValidator.toEnum(TimeFormat.class, getString(TIME_FORMAT));
  }

  /** Bytes; -1 is no limit. */
  public long documentMaxBytes() {
    return getLong(DOCUMENT_MAX_BYTES);
  }

  public boolean geoEnabled() {
    return getBoolean(GEO_ENABLED);
  }

  public DottedPath geoLat() {
    return DottedPath.parse(getString(GEO_LAT));
  }

  public DottedPath geoLon() {
    return DottedPath.parse(getString(GEO_LON));
  }

  public String geoTarget() {
    return getString(GEO_TARGET).trim();
  }

  public RecordFailureAction geoInvalidAction() {
    return ChoiceValidator.toEnum(RecordFailureAction.class, getString(GEO_INVALID_ACTION));
  }

  public RecordFailureAction geoMissingAction() {
    return ChoiceValidator.toEnum(RecordFailureAction.class, getString(GEO_MISSING_ACTION));
  }

  public List<ErrorPredicate> errorPredicates() {
    return getList(FILTER_PREDICATES).stream().filter(s -> !s.isBlank()).map(ErrorPredicate::parse).toList();
  }

  public RecordFailureAction errorPayloadAction() {
    return ChoiceValidator.toEnum(RecordFailureAction.class, getString(FILTER_ACTION));
  }

  public RecordFailureAction nonJsonAction() {
    return ChoiceValidator.toEnum(RecordFailureAction.class, getString(NON_JSON_ACTION));
  }

  public TemplateMode templateMode() {
    return ChoiceValidator.toEnum(TemplateMode.class, getString(TEMPLATE_MODE));
  }

  public String templateFile() {
    return blankToNull(getString(TEMPLATE_FILE));
  }

  public String templateInline() {
    return blankToNull(getString(TEMPLATE_INLINE));
  }

  public String templateName() {
    return getString(TEMPLATE_NAME).trim();
  }

  /** Explicit patterns, or the wildcard form of the index name. */
  public List<String> templatePatterns() {
    List<String> explicit = getList(TEMPLATE_PATTERNS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (!explicit.isEmpty()) {
      return explicit;
    }
    IndexNameTemplate name = indexName();
    if (name.isFixed()) {
      return List.of(name + "*");
    }
    Object topics = originals().get("topics");
    if (name.usesTopic() && topics != null && !topics.toString().isBlank()) {
      List<String> patterns = new ArrayList<>();
      for (String topic : topics.toString().split(",")) {
        if (!topic.isBlank()) {
          String pattern = name.wildcardPattern(topic.trim());
          patterns.add(name.usesTime() ? pattern : pattern + "*");
        }
      }
      return patterns;
    }
    return List.of(name.wildcardPattern());
  }

  /** Null when the template patterns are safe, else what is wrong and how to fix it. */
  public String templatePatternProblem() {
    if (templateMode() == TemplateMode.NONE || !templatePatterns().contains("*")) {
      return null;
    }
    return "index.name '" + indexName() + "' gives the template pattern '*', which would apply the template to every "
        + "index (system indices too); set " + TEMPLATE_PATTERNS + " explicitly, e.g. noaa.*, or list the topics in 'topics'";
  }

  public int templatePriority() {
    return getInt(TEMPLATE_PRIORITY);
  }

  public String indexSettings() {
    return blankToNull(getString(INDEX_SETTINGS));
  }

  public String readAlias() {
    return blankToNull(getString(READ_ALIAS));
  }

  public boolean writeAliasBootstrap() {
    return getBoolean(WRITE_ALIAS_BOOTSTRAP);
  }

  public int bulkMaxActions() {
    return getInt(BULK_MAX_ACTIONS);
  }

  public long bulkMaxBytes() {
    return getLong(BULK_MAX_BYTES);
  }

  public Duration bulkLinger() {
    return Duration.ofMillis(getLong(BULK_LINGER));
  }

  public int bulkMaxInFlight() {
    return getInt(BULK_IN_FLIGHT);
  }

  public long bufferMaxBytes() {
    return getLong(BUFFER_MAX_BYTES);
  }

  public int bufferMaxRecords() {
    return getInt(BUFFER_MAX_RECORDS);
  }

  public Duration backoffInitial() {
    return Duration.ofMillis(getLong(BACKOFF_INITIAL));
  }

  public Duration backoffMax() {
    return Duration.ofMillis(Math.max(getLong(BACKOFF_MAX), getLong(BACKOFF_INITIAL)));
  }

  /** Milliseconds; -1 is unlimited. */
  public long retryBudgetMillis() {
    return getLong(RETRY_BUDGET);
  }

  public ErrorTypeActions errorTypeActions() {
    return new ErrorTypeActions(ErrorTypeActions.parseOverrides(getList(ERROR_TYPE_ACTIONS)), unknownErrorAction());
  }

  public ErrorAction unknownErrorAction() {
    return ChoiceValidator.toEnum(ErrorAction.class, getString(UNKNOWN_ERROR_ACTION));
  }

  /** What happens to a record that cannot become a document (missing id field, no index time). */
  public RecordFailureAction documentFailureAction() {
    return switch (unknownErrorAction()) {
      case DEAD_LETTER -> RecordFailureAction.DEAD_LETTER;
      case FAIL -> RecordFailureAction.FAIL;
      default -> RecordFailureAction.DROP;
    };
  }

  /** The worker's dead-letter topic for this connector, or null when there is none. */
  public String deadLetterTopic() {
    Object topic = originals().get(DLQ_TOPIC);
    return topic == null || topic.toString().isBlank() ? null : topic.toString().trim();
  }

  /** True when the worker tolerates errors reported through the errant record reporter. */
  public boolean toleratesErrors() {
    Object tolerance = originals().get(ERRORS_TOLERANCE);
    return tolerance != null && tolerance.toString().trim().equalsIgnoreCase("all");
  }

  /** Keys whose current value asks for dead-lettering, in definition order. */
  public List<String> deadLetterKeys() {
    List<String> keys = new ArrayList<>();
    for (String key : List.of(GEO_INVALID_ACTION, GEO_MISSING_ACTION, FILTER_ACTION, NON_JSON_ACTION, UNKNOWN_ERROR_ACTION)) {
      if (getString(key).trim().equalsIgnoreCase("dead-letter") && (geoEnabled() || !key.startsWith("geo."))) {
        keys.add(key);
      }
    }
    if (getList(ERROR_TYPE_ACTIONS).isEmpty() || errorTypeActions().mayDeadLetter()) {
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
  public String deadLetterProblem() {
    List<String> keys = deadLetterKeys();
    if (keys.isEmpty() || (deadLetterTopic() != null && toleratesErrors())) {
      return null;
    }
    String missing = deadLetterTopic() == null ? DLQ_TOPIC + " is not set" : "";
    if (!toleratesErrors()) {
      missing += (missing.isEmpty() ? "" : " and ") + ERRORS_TOLERANCE + " is not 'all'";
    }
    return "Records can be dead-lettered (" + String.join(", ", keys) + ") but " + missing
        + ". Set " + ERRORS_TOLERANCE + "=all and " + DLQ_TOPIC + "=<topic>, or set those keys to drop/ignore/fail.";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
