package io.tidestream.elastic.config;

import io.tidestream.common.config.BackoffConfig;
import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.HttpTimeoutConfig;
import io.tidestream.elastic.document.DottedPath;
import io.tidestream.elastic.document.IndexNameTemplate;
import io.tidestream.elastic.document.IndexTargets;
import io.tidestream.elastic.filter.ErrorPredicate;
import io.tidestream.elastic.retry.ErrorAction;
import io.tidestream.elastic.retry.ErrorTypeActions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Elasticsearch/OpenSearch geo sink. The generated reference is
 * docs/elastic-geo-sink-config.rst.
 */
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
  // Connection: client certificate and proxy (ClientConnectionConfigs)
  public static final String KEYSTORE_PATH = "connection.tls.keystore.path";
  public static final String KEYSTORE_PASSWORD = "connection.tls.keystore.password";
  public static final String KEYSTORE_TYPE = "connection.tls.keystore.type";
  public static final String KEY_PEM_PATH = "connection.tls.key.pem.path";
  public static final String CERT_PEM_PATH = "connection.tls.cert.pem.path";
  public static final String KEY_PASSWORD = "connection.tls.key.password";
  public static final String PROXY_URL = "connection.proxy.url";
  public static final String PROXY_USERNAME = "connection.proxy.username";
  public static final String PROXY_PASSWORD = "connection.proxy.password";
  // Connection: AWS SigV4 signing (AwsConnectionConfigs)
  public static final String AWS_SIGV4_ENABLED = "connection.aws.sigv4.enabled";
  public static final String AWS_REGION = "connection.aws.region";
  public static final String AWS_SERVICE = "connection.aws.service";
  public static final String AWS_ACCESS_KEY_ID = "connection.aws.access.key.id";
  public static final String AWS_SECRET_ACCESS_KEY = "connection.aws.secret.access.key";
  public static final String AWS_SESSION_TOKEN = "connection.aws.session.token";
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
  public static final String LIFECYCLE_POLICY = "mapping.lifecycle.policy";
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
  // Targets (TargetConfigs)
  public static final String TOPIC_INDEX_MAP = "topic.index.map";
  public static final String ROUTING_FIELD = "document.routing.field";
  public static final String INGEST_PIPELINE = "ingest.pipeline";

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

  /** Shared fragments (connect-common); defined before CONFIG_DEF, which uses them. */
  static final HttpTimeoutConfig TIMEOUTS = new HttpTimeoutConfig(CONNECT_TIMEOUT, READ_TIMEOUT);

  static final BackoffConfig BACKOFF = new BackoffConfig(BACKOFF_INITIAL, BACKOFF_MAX);

  public static final ConfigDef CONFIG_DEF = configDef();

  public ElasticGeoSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
  }

  public static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    ConnectionConfigs.addConnectionConfigs(def);
    ClientConnectionConfigs.addClientConnectionConfigs(def);
    AwsConnectionConfigs.addAwsConnectionConfigs(def);
    DocumentConfigs.addDocumentConfigs(def);
    GeoConfigs.addGeoConfigs(def);
    FilterConfigs.addFilterConfigs(def);
    MappingConfigs.addMappingConfigs(def);
    BulkConfigs.addBulkConfigs(def);
    ErrorConfigs.addErrorConfigs(def);
    TargetConfigs.addTargetConfigs(def);
    WriteConfigs.addWriteConfigs(def);
    return def;
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
    return TIMEOUTS.connectTimeout(this);
  }

  public Duration readTimeout() {
    return TIMEOUTS.readTimeout(this);
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

  public String keystorePath() {
    return blankToNull(getString(KEYSTORE_PATH));
  }

  public Password keystorePassword() {
    return getPassword(KEYSTORE_PASSWORD);
  }

  public String keystoreType() {
    return getString(KEYSTORE_TYPE);
  }

  public String keyPemPath() {
    return blankToNull(getString(KEY_PEM_PATH));
  }

  public String certPemPath() {
    return blankToNull(getString(CERT_PEM_PATH));
  }

  /** The password of the private key (PEM, or a key store entry); null when not set. */
  public Password keyPassword() {
    Password p = getPassword(KEY_PASSWORD);
    return p == null || p.value().isEmpty() ? null : p;
  }

  /** The forward proxy, or null for direct connections. */
  public URI proxyUrl() {
    String url = blankToNull(getString(PROXY_URL));
    return url == null ? null : URI.create(url.trim());
  }

  public String proxyUsername() {
    return blankToNull(getString(PROXY_USERNAME));
  }

  public Password proxyPassword() {
    return getPassword(PROXY_PASSWORD);
  }

  public boolean awsSigV4Enabled() {
    return getBoolean(AWS_SIGV4_ENABLED);
  }

  /** The region requests are signed for; null when not set. */
  public String awsRegion() {
    String region = blankToNull(getString(AWS_REGION));
    return region == null ? null : region.trim();
  }

  /** The signing name: es (OpenSearch Service) or aoss (OpenSearch Serverless). */
  public String awsService() {
    return getString(AWS_SERVICE).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Requests are signed for Amazon OpenSearch Serverless (service aoss). */
  public boolean awsServerless() {
    return awsSigV4Enabled() && awsService().equals("aoss");
  }

  /** Null: the AWS SDK's default credential chain. */
  public String awsAccessKeyId() {
    String id = blankToNull(getString(AWS_ACCESS_KEY_ID));
    return id == null ? null : id.trim();
  }

  public Password awsSecretAccessKey() {
    return nonEmpty(getPassword(AWS_SECRET_ACCESS_KEY));
  }

  public Password awsSessionToken() {
    return nonEmpty(getPassword(AWS_SESSION_TOKEN));
  }

  private static Password nonEmpty(Password p) {
    return p == null || p.value().isBlank() ? null : p;
  }

  /** Null when empty: then only the topics of {@link #topicIndexMap()} have a target. */
  public IndexNameTemplate indexName() {
    String name = getString(INDEX_NAME);
    return name == null || name.isBlank() ? null : IndexNameTemplate.parse(name);
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

  public WriteMethod writeMethod() {
    return ChoiceValidator.toEnum(WriteMethod.class, getString(WriteConfigs.WRITE_METHOD));
  }

  public boolean dataStreamEnabled() {
    return getBoolean(WriteConfigs.DATA_STREAM_ENABLED);
  }

  /** Null when the record timestamp is the data stream's @timestamp. */
  public DottedPath dataStreamTimestampField() {
    String f = getString(WriteConfigs.DATA_STREAM_TIMESTAMP_FIELD);
    return f == null || f.isBlank() ? null : DottedPath.parse(f);
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
    return getList(FILTER_PREDICATES).stream()
        .filter(s -> !s.isBlank())
        .map(ErrorPredicate::parse)
        .toList();
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
    return MappingConfigs.templatePatterns(this);
  }

  /** Null when the template patterns are safe, else what is wrong and how to fix it. */
  public String templatePatternProblem() {
    return MappingConfigs.templatePatternProblem(this);
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

  /** The lifecycle policy (ILM or ISM) the sink's indices get, or null. */
  public String lifecyclePolicy() {
    return blankToNull(getString(LIFECYCLE_POLICY));
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
    return BACKOFF.initial(this);
  }

  /** Never below the initial delay (validate() rejects that; a stored config may predate it). */
  public Duration backoffMax() {
    return BACKOFF.max(this);
  }

  /** Milliseconds; -1 is unlimited. */
  public long retryBudgetMillis() {
    return getLong(RETRY_BUDGET);
  }

  public ErrorTypeActions errorTypeActions() {
    return new ErrorTypeActions(
        ErrorTypeActions.parseOverrides(getList(ERROR_TYPE_ACTIONS)), unknownErrorAction());
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
    return ErrorConfigs.deadLetterKeys(this);
  }

  /**
   * Null when dead-lettering is possible, else a message saying what is missing and how to fix it.
   * Dead-lettering needs errors.tolerance=all and errors.deadletterqueue.topic.name.
   */
  public String deadLetterProblem() {
    return ErrorConfigs.deadLetterProblem(this);
  }

  /** {@code topic.index.map}: a target per topic, in the order given. */
  public Map<String, IndexNameTemplate> topicIndexMap() {
    return TargetConfigs.topicIndexMap(this);
  }

  /** Where each topic's records go: {@link #topicIndexMap()}, else {@link #indexName()}. */
  public IndexTargets indexTargets() {
    return new IndexTargets(indexName(), topicIndexMap());
  }

  /** Null when the engine routes by document id. */
  public DottedPath routingField() {
    String f = getString(ROUTING_FIELD);
    return f == null || f.isBlank() ? null : DottedPath.parse(f);
  }

  /** Null when no ingest pipeline is named. */
  public String ingestPipeline() {
    return blankToNull(getString(INGEST_PIPELINE));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
