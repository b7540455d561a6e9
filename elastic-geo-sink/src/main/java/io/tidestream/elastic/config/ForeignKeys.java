package io.tidestream.elastic.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration keys of the two sinks users migrate from, Confluent's {@code
 * io.confluent.connect.elasticsearch.ElasticsearchSinkConnector} (14.x/15.x, and removed keys users
 * still carry) and Aiven's {@code io.aiven.kafka.connect.opensearch.OpensearchSinkConnector}, that
 * this sink does not read: one table, one actionable message per key. {@code validate()} puts the
 * message on the foreign key itself and {@code start()} refuses the same keys, so a migrated
 * configuration is never half ignored. docs/migration.md explains each row.
 *
 * <p>A key this sink defines is never foreign ({@code problems} takes the set of our names), so a
 * shared name such as {@code write.method} becomes ours as soon as the sink defines it; until then
 * its row says it is not read yet. Keys of the Connect framework are never foreign. Messages never
 * repeat the value of a secret.
 */
public final class ForeignKeys {

  /** Whose key it is. */
  public enum Anchor {
    CONFLUENT("Confluent's Elasticsearch sink"),
    AIVEN("Aiven's OpenSearch sink"),
    BOTH("Confluent's Elasticsearch sink and Aiven's OpenSearch sink");

    private final String label;

    Anchor(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What to write instead, from the foreign key's value and the whole configuration. */
  @FunctionalInterface
  public interface Fix {
    String of(String value, Map<String, String> props);
  }

  /**
   * One foreign key: whose it is, our equivalent key (null when there is none; the key itself when
   * the name is shared and this sink will read it), whether its value is a secret, and the fix.
   */
  public record Entry(Anchor anchor, String key, String equivalent, boolean secret, Fix fix) {

    /** The message for this key with the user's value, naming the fix. */
    public String message(String value, Map<String, String> props) {
      return key + " is a key of " + anchor.label() + "; " + fix.of(value, props);
    }
  }

  /** Engine error types Confluent and Aiven count as a malformed document. */
  static final String MALFORMED_TYPES =
      "mapper_parsing_exception,document_parsing_exception,strict_dynamic_mapping_exception,"
          + "illegal_argument_exception";

  private static final String SSL_CONFLUENT = "elastic.https.";
  private static final String SSL_AIVEN = "connection.ssl.";

  private static final Set<String> FRAMEWORK_KEYS =
      Set.of(
          "name",
          "connector.class",
          "tasks.max",
          "topics",
          "topics.regex",
          "config.action.reload",
          "plugin.version");

  private static final List<String> FRAMEWORK_PREFIXES =
      List.of(
          "key.converter",
          "value.converter",
          "header.converter",
          "transforms",
          "predicates",
          "errors.",
          "consumer.override.",
          "producer.override.",
          "admin.override.");

  private static final Map<String, Entry> ENTRIES = entries();

  /** Kafka SSL settings ({@code ssl.*}) after Confluent's and Aiven's prefixes. */
  private static final Map<String, String> SSL_EQUIVALENTS = sslEquivalents();

  private ForeignKeys() {}

  /** Every exact foreign key, in table order. */
  public static List<Entry> table() {
    return List.copyOf(ENTRIES.values());
  }

  /** The prefixes under which Confluent and Aiven embed Kafka's SSL settings. */
  public static List<String> sslPrefixes() {
    return List.of(SSL_CONFLUENT, SSL_AIVEN);
  }

  /** True for keys the Connect framework reads (never reported as foreign). */
  public static boolean frameworkOwned(String key) {
    return FRAMEWORK_KEYS.contains(key) || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /**
   * The foreign keys in {@code props}, sorted, each with its message; empty when there are none.
   *
   * @param ours the names this sink defines (never foreign)
   */
  public static Map<String, String> problems(Map<String, String> props, Set<String> ours) {
    Map<String, String> problems = new TreeMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (ours.contains(key) || frameworkOwned(key)) {
        continue;
      }
      String value = e.getValue() == null ? "" : e.getValue().trim();
      Entry entry = ENTRIES.get(key);
      if (entry == null) {
        entry = sslEntry(key);
      }
      if (entry != null) {
        problems.put(key, entry.message(value, props));
      }
    }
    return Collections.unmodifiableMap(problems);
  }

  /** The row for {@code key} (exact or under an SSL prefix), or null when it is not foreign. */
  public static Entry entry(String key) {
    Entry entry = ENTRIES.get(key);
    return entry != null ? entry : sslEntry(key);
  }

  private static Entry sslEntry(String key) {
    Anchor anchor;
    String suffix;
    if (key.startsWith(SSL_CONFLUENT)) {
      anchor = Anchor.CONFLUENT;
      suffix = key.substring(SSL_CONFLUENT.length());
    } else if (key.startsWith(SSL_AIVEN)) {
      anchor = Anchor.AIVEN;
      suffix = key.substring("connection.".length()); // Aiven embeds ssl.* under connection.
    } else {
      return null;
    }
    boolean secret = suffix.contains("password") || suffix.equals("ssl.keystore.key");
    String ours = SSL_EQUIVALENTS.get(suffix);
    if (suffix.equals("ssl.endpoint.identification.algorithm")) {
      return new Entry(
          anchor,
          key,
          ElasticGeoSinkConfig.HOSTNAME_VERIFICATION,
          false,
          (v, p) ->
              "this sink reads "
                  + ElasticGeoSinkConfig.HOSTNAME_VERIFICATION
                  + " (true or false). Replace the key: "
                  + ElasticGeoSinkConfig.HOSTNAME_VERIFICATION
                  + "="
                  + !v.isEmpty()
                  + ".");
    }
    String pemFile = PEM_FILES.get(suffix);
    if (pemFile != null) {
      return new Entry(
          anchor,
          key,
          pemFile,
          secret,
          (v, p) ->
              "this sink reads PEM from a file, not inline: write the PEM text to a file readable"
                  + " on every Connect worker and set "
                  + pemFile
                  + "=<its path>. Replace the key.");
    }
    if (ours == null) {
      return new Entry(
          anchor,
          key,
          null,
          secret,
          none(
              "TLS protocols, cipher suites and algorithms are the JVM's defaults (TLS 1.2 and"
                  + " 1.3); this sink reads only where to find trust and client certificates"
                  + " (connection.tls.*)"));
    }
    return new Entry(anchor, key, ours, secret, rename(ours, sslForm(suffix), secret));
  }

  private static String sslForm(String suffix) {
    if (suffix.endsWith(".type")) {
      return "PKCS12 or JKS";
    }
    if (suffix.endsWith("location")) {
      return "the same file path, readable on every Connect worker";
    }
    return "the same value";
  }

  /** Kafka's inline PEM settings; this sink reads PEM files. */
  private static final Map<String, String> PEM_FILES =
      Map.of(
          "ssl.truststore.certificates", ElasticGeoSinkConfig.CA_PEM_PATH,
          "ssl.keystore.certificate.chain", "connection.tls.cert.pem.path",
          "ssl.keystore.key", "connection.tls.key.pem.path");

  private static Map<String, String> sslEquivalents() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ssl.truststore.location", ElasticGeoSinkConfig.TRUSTSTORE_PATH);
    m.put("ssl.truststore.password", ElasticGeoSinkConfig.TRUSTSTORE_PASSWORD);
    m.put("ssl.truststore.type", ElasticGeoSinkConfig.TRUSTSTORE_TYPE);
    m.put("ssl.keystore.location", "connection.tls.keystore.path");
    m.put("ssl.keystore.password", "connection.tls.keystore.password");
    m.put("ssl.keystore.type", "connection.tls.keystore.type");
    m.put("ssl.key.password", "connection.tls.key.password");
    return Map.copyOf(m);
  }

  private static Fix rename(String ours, String form, boolean secret) {
    return (v, p) ->
        "this sink reads "
            + ours
            + " ("
            + form
            + "). Rename the key"
            + (secret || v.isEmpty() ? " to " + ours + "." : ": " + ours + "=" + v + ".");
  }

  private static Fix renameWith(String ours, String form, Fix values) {
    return (v, p) ->
        "this sink reads " + ours + " (" + form + "). Replace the key: " + values.of(v, p) + ".";
  }

  private static Fix none(String reason) {
    return (v, p) -> "this sink has no equivalent: " + reason + ". Remove the key.";
  }

  /** A shared name this sink is about to read; until then it would be silently ignored. */
  private static Fix notYet(String what) {
    return (v, p) ->
        "this version of the sink does not read it yet (" + what + "). Remove the key for now.";
  }

  /** {@code ours=value}, the value kept within [min, max] where it is a number. */
  private static Fix clamped(String ours, long min, long max) {
    return (v, p) -> {
      try {
        long n = Long.parseLong(v);
        if (n < min) {
          return ours + "=" + min + " (the least this sink allows)";
        }
        if (n > max) {
          return ours + "=" + max + " (the most this sink allows)";
        }
        return ours + "=" + n;
      } catch (NumberFormatException e) {
        return ours + "=<a number from " + min + " to " + max + ">";
      }
    };
  }

  private static String lower(String v) {
    return v.toLowerCase(Locale.ROOT);
  }

  private static Map<String, Entry> entries() {
    List<Entry> rows = new ArrayList<>();
    // ---- connection ----
    rows.add(
        new Entry(
            Anchor.BOTH,
            "connection.url",
            ElasticGeoSinkConfig.URLS,
            false,
            rename(ElasticGeoSinkConfig.URLS, "same format: comma-separated URLs", false)));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "read.timeout.ms",
            ElasticGeoSinkConfig.READ_TIMEOUT,
            false,
            rename(ElasticGeoSinkConfig.READ_TIMEOUT, "milliseconds; default 60000", false)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "max.connection.idle.time.ms",
            null,
            false,
            none(
                "the HTTP client keeps its connections open and replaces those the engine or a"
                    + " proxy closed")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "elastic.security.protocol",
            ElasticGeoSinkConfig.URLS,
            false,
            (v, p) ->
                "this sink has no separate switch: TLS follows the scheme of connection.urls. "
                    + (lower(v).equals("ssl")
                        ? "Write https:// URLs in connection.urls"
                        : "Keep http:// URLs in connection.urls")
                    + " and remove the key."));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "connection.trust.all.certificates",
            null,
            false,
            none(
                "this sink always checks the engine's certificate; trust its CA with"
                    + " connection.tls.ca.pem.path (e.g. the engine's http_ca.crt) or"
                    + " connection.tls.truststore.path, and for a test cluster whose certificate"
                    + " does not name its host set connection.tls.hostname.verification=false")));
    Fix kerberos =
        none(
            "Kerberos (SPNEGO) is not supported; authenticate with connection.username and"
                + " connection.password, connection.api.key or a client certificate"
                + " (connection.tls.keystore.path)");
    rows.add(new Entry(Anchor.CONFLUENT, "kerberos.user.principal", null, false, kerberos));
    rows.add(new Entry(Anchor.CONFLUENT, "kerberos.keytab.path", null, false, kerberos));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "proxy.host",
            "connection.proxy.url",
            false,
            renameWith("connection.proxy.url", "http://host:port", ForeignKeys::proxyUrl)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "proxy.port",
            "connection.proxy.url",
            false,
            renameWith("connection.proxy.url", "http://host:port", ForeignKeys::proxyUrl)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "proxy.username",
            "connection.proxy.username",
            false,
            rename("connection.proxy.username", "the same user", false)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "proxy.password",
            "connection.proxy.password",
            true,
            rename("connection.proxy.password", "the same password", true)));
    // ---- AWS (Aiven) ----
    String signing = "; also set " + ElasticGeoSinkConfig.AWS_SIGV4_ENABLED + "=true";
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "aws.access_key_id",
            ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID,
            true,
            rename(ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID, "the same key id" + signing, true)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "aws.secret_access_key",
            ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY,
            true,
            rename(ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY, "the same secret" + signing, true)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "aws.region",
            ElasticGeoSinkConfig.AWS_REGION,
            false,
            rename(ElasticGeoSinkConfig.AWS_REGION, "the same region" + signing, false)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "aws.service.signing.name",
            ElasticGeoSinkConfig.AWS_SERVICE,
            false,
            rename(
                ElasticGeoSinkConfig.AWS_SERVICE,
                "es for OpenSearch Service, aoss for Serverless" + signing,
                false)));
    Fix role =
        none(
            "the sink does not assume IAM roles itself (it does not carry the AWS SDK's STS"
                + " module). Give the workers the role's credentials through the AWS SDK's default"
                + " credential chain (an EC2 instance profile, an ECS task role or EKS Pod"
                + " Identity, or a profile whose credential_process prints them) and leave "
                + ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID
                + " and "
                + ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY
                + " empty");
    for (String key :
        List.of(
            "aws.sts.role.arn",
            "aws.sts.role.external.id",
            "aws.sts.role.session.name",
            "aws.sts.role.session.duration")) {
      rows.add(new Entry(Anchor.AIVEN, key, null, false, role));
    }
    // ---- batching, buffering, retries ----
    rows.add(
        new Entry(
            Anchor.BOTH,
            "batch.size",
            ElasticGeoSinkConfig.BULK_MAX_ACTIONS,
            false,
            renameWith(
                ElasticGeoSinkConfig.BULK_MAX_ACTIONS,
                "documents per _bulk request; default 1000",
                clamped(ElasticGeoSinkConfig.BULK_MAX_ACTIONS, 1, 100_000))));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "bulk.size.bytes",
            ElasticGeoSinkConfig.BULK_MAX_BYTES,
            false,
            renameWith(
                ElasticGeoSinkConfig.BULK_MAX_BYTES,
                "bytes per _bulk request; -1 is not allowed, the most is 104857600",
                (v, p) ->
                    v.equals("-1")
                        ? ElasticGeoSinkConfig.BULK_MAX_BYTES + "=104857600 (the most it allows)"
                        : clamped(ElasticGeoSinkConfig.BULK_MAX_BYTES, 1024, 104_857_600L)
                            .of(v, p))));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "max.in.flight.requests",
            ElasticGeoSinkConfig.BULK_IN_FLIGHT,
            false,
            renameWith(
                ElasticGeoSinkConfig.BULK_IN_FLIGHT,
                "per task; default 2",
                clamped(ElasticGeoSinkConfig.BULK_IN_FLIGHT, 1, 64))));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "max.buffered.records",
            ElasticGeoSinkConfig.BUFFER_MAX_RECORDS,
            false,
            renameWith(
                ElasticGeoSinkConfig.BUFFER_MAX_RECORDS,
                "per task; default 4000; buffer.max.bytes bounds the bytes too",
                clamped(ElasticGeoSinkConfig.BUFFER_MAX_RECORDS, 1, Integer.MAX_VALUE))));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "linger.ms",
            ElasticGeoSinkConfig.BULK_LINGER,
            false,
            renameWith(
                ElasticGeoSinkConfig.BULK_LINGER,
                "milliseconds; default 50",
                clamped(ElasticGeoSinkConfig.BULK_LINGER, 0, 60_000))));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "flush.timeout.ms",
            null,
            false,
            none(
                "a flush never times out here: offsets are committed only for acknowledged"
                    + " records, connection.read.timeout.ms bounds each request and"
                    + " retry.budget.ms how long one document may keep failing")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "flush.synchronously",
            null,
            false,
            none(
                "this sink always writes asynchronously and commits only offsets whose records"
                    + " the engine acknowledged or the dead-letter topic confirmed")));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "max.retries",
            ElasticGeoSinkConfig.RETRY_BUDGET,
            false,
            renameWith(
                ElasticGeoSinkConfig.RETRY_BUDGET,
                "a time, not a count: how long one document may keep failing; default 600000,"
                    + " -1 forever; an outage never counts",
                (v, p) -> ElasticGeoSinkConfig.RETRY_BUDGET + "=<milliseconds, e.g. 600000>")));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "retry.backoff.ms",
            ElasticGeoSinkConfig.BACKOFF_INITIAL,
            false,
            rename(
                ElasticGeoSinkConfig.BACKOFF_INITIAL,
                "the first delay, doubled up to retry.backoff.max.ms",
                false)));
    // ---- documents and ids ----
    rows.add(
        new Entry(
            Anchor.BOTH,
            "key.ignore",
            ElasticGeoSinkConfig.ID_STRATEGY,
            false,
            renameWith(
                ElasticGeoSinkConfig.ID_STRATEGY,
                "record-key, kafka-coordinates, record-fields or engine",
                ForeignKeys::idStrategy)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "key.ignore.id.strategy",
            ElasticGeoSinkConfig.ID_STRATEGY,
            false,
            renameWith(
                ElasticGeoSinkConfig.ID_STRATEGY,
                "record-key, kafka-coordinates, record-fields or engine",
                ForeignKeys::idStrategy)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "use.autogenerated.ids",
            ElasticGeoSinkConfig.ID_STRATEGY,
            false,
            renameWith(
                ElasticGeoSinkConfig.ID_STRATEGY,
                "engine lets the engine assign ids",
                ForeignKeys::idStrategy)));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "topic.key.ignore",
            null,
            false,
            none(
                "document.id.strategy applies to every topic of a connector; run one connector"
                    + " per id strategy")));
    Fix schema =
        none(
            "mappings never come from the record schema here; the value is written as JSON and"
                + " the index template of mapping.template.mode (builtin, file, inline or none) is"
                + " installed");
    rows.add(new Entry(Anchor.BOTH, "schema.ignore", null, false, schema));
    rows.add(new Entry(Anchor.BOTH, "topic.schema.ignore", null, false, schema));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "compact.map.entries",
            null,
            false,
            none(
                "maps with string keys are always written as JSON objects (what"
                    + " compact.map.entries=true gives)")));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "type.name",
            null,
            false,
            none("mapping types are gone since Elasticsearch 7; every document is _doc")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "external.version.header",
            null,
            false,
            none(
                "this sink sends no external versions; it keeps the records of one document id"
                    + " in order itself")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "log.sensitive.data",
            null,
            false,
            none(
                "this sink has no switch for logging record contents; records it cannot index go"
                    + " to the dead-letter topic with headers that say why")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "auto.create.indices.at.start",
            null,
            false,
            none(
                "indices are created by the engine on first write, from the template installed at"
                    + " start (mapping.template.mode)")));
    // ---- write method ----
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "write.method",
            "write.method",
            false,
            notYet(
                "write.method=index|upsert|create; Confluent's INSERT is index, UPSERT upsert")));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "index.write.method",
            "write.method",
            false,
            renameWith(
                "write.method",
                "index, upsert or create",
                (v, p) -> "write.method=" + (lower(v).equals("upsert") ? "upsert" : "index"))));
    // ---- errors ----
    rows.add(
        new Entry(
            Anchor.BOTH,
            "drop.invalid.message",
            ElasticGeoSinkConfig.NON_JSON_ACTION,
            false,
            renameWith(
                ElasticGeoSinkConfig.NON_JSON_ACTION,
                "records that cannot become a document are dead-lettered by default",
                (v, p) ->
                    Boolean.parseBoolean(v)
                        ? ElasticGeoSinkConfig.NON_JSON_ACTION
                            + "=drop (and errors.unknown.action=ignore for records missing an id"
                            + " field)"
                        : ElasticGeoSinkConfig.NON_JSON_ACTION
                            + "=fail, or keep its default dead-letter")));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "behavior.on.malformed.documents",
            ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS,
            false,
            renameWith(
                ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS,
                "an action per engine error type; mapping errors are dead-lettered by default",
                (v, p) -> errorTypes(MALFORMED_TYPES, v))));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "behavior.on.version.conflict",
            ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS,
            false,
            renameWith(
                ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS,
                "an action per engine error type; version conflicts are dead-lettered by default",
                (v, p) -> errorTypes("version_conflict_engine_exception", v))));
    // ---- targets and data streams ----
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "topic.index.map",
            "topic.index.map",
            false,
            notYet("topic.index.map=topic:index,topic2:index2")));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "topic.to.external.resource.mapping",
            "topic.index.map",
            false,
            rename("topic.index.map", "same format: topic:target,topic2:target2", false)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "topic.to.existing.resource.mapping",
            "topic.index.map",
            false,
            rename("topic.index.map", "same format: topic:target,topic2:target2", false)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "external.resource.usage",
            "topic.index.map",
            false,
            (v, p) -> resourceUsage(v)));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "existing.resource.type",
            "topic.index.map",
            false,
            (v, p) -> resourceUsage(v)));
    rows.add(
        new Entry(
            Anchor.CONFLUENT,
            "max.external.resource.mappings",
            null,
            false,
            none("topic.index.map takes any number of entries")));
    Fix dataStreamName =
        (v, p) ->
            "this sink writes to a data stream with data.stream.enabled=true and takes the data"
                + " stream's name from index.name (placeholders such as ${topic} allowed, e.g."
                + " index.name=logs-tides-${topic}). Replace the key.";
    rows.add(new Entry(Anchor.CONFLUENT, "data.stream.type", "index.name", false, dataStreamName));
    rows.add(
        new Entry(Anchor.CONFLUENT, "data.stream.dataset", "index.name", false, dataStreamName));
    rows.add(
        new Entry(Anchor.CONFLUENT, "data.stream.namespace", "index.name", false, dataStreamName));
    rows.add(new Entry(Anchor.AIVEN, "data.stream.prefix", "index.name", false, dataStreamName));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "data.stream.enabled",
            "data.stream.enabled",
            false,
            notYet("data.stream.enabled=true|false")));
    rows.add(
        new Entry(
            Anchor.BOTH,
            "data.stream.timestamp.field",
            "data.stream.timestamp.field",
            false,
            notYet("data.stream.timestamp.field=<a dotted field path>")));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "data.streams.existing.index.template.name",
            ElasticGeoSinkConfig.TEMPLATE_MODE,
            false,
            renameWith(
                ElasticGeoSinkConfig.TEMPLATE_MODE,
                "none installs no template and writes with the engine's existing one",
                (v, p) -> ElasticGeoSinkConfig.TEMPLATE_MODE + "=none")));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "routing.type",
            "document.routing.field",
            false,
            (v, p) ->
                switch (lower(v)) {
                  case "value" ->
                      "this sink reads document.routing.field (a dotted path into the value)."
                          + " Replace the key: document.routing.field="
                          + jsonPointerToPath(p.getOrDefault("routing.type.record.value.path", ""))
                          + ".";
                  case "key" ->
                      "this sink has no equivalent: it routes by a field of the value only"
                          + " (document.routing.field); copy the key into the value with a"
                          + " transform. Remove the key.";
                  default -> "no routing is this sink's default. Remove the key.";
                }));
    rows.add(
        new Entry(
            Anchor.AIVEN,
            "routing.type.record.value.path",
            "document.routing.field",
            false,
            renameWith(
                "document.routing.field",
                "a dotted path, not a JSON Pointer",
                (v, p) -> "document.routing.field=" + jsonPointerToPath(v))));
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (Entry row : rows) {
      if (byKey.put(row.key(), row) != null) {
        throw new IllegalStateException("Duplicate foreign key " + row.key());
      }
    }
    return Collections.unmodifiableMap(byKey);
  }

  private static String proxyUrl(String value, Map<String, String> props) {
    String host = props.getOrDefault("proxy.host", "").trim();
    String port = props.getOrDefault("proxy.port", "").trim();
    return "connection.proxy.url=http://"
        + (host.isEmpty() ? "<host>" : host)
        + ":"
        + (port.isEmpty() ? "8080" : port)
        + " (one key for proxy.host and proxy.port)";
  }

  /** Confluent's key.ignore / use.autogenerated.ids and Aiven's key.ignore(.id.strategy). */
  private static String idStrategy(String value, Map<String, String> props) {
    String key = ElasticGeoSinkConfig.ID_STRATEGY + "=";
    if (Boolean.parseBoolean(props.getOrDefault("use.autogenerated.ids", "false").trim())) {
      return key + "engine (ids assigned by the engine)";
    }
    if (!Boolean.parseBoolean(props.getOrDefault("key.ignore", "false").trim())) {
      return key + "record-key (the record key is the id)";
    }
    String aiven = lower(props.getOrDefault("key.ignore.id.strategy", "").trim());
    return switch (aiven) {
      case "none" -> key + "engine (ids assigned by the engine)";
      case "record.key" -> key + "record-key (the record key is the id)";
      default -> key + "kafka-coordinates (topic+partition+offset)";
    };
  }

  /** Confluent's and Aiven's ignore|warn|fail|report for a group of engine error types. */
  private static String errorTypes(String types, String value) {
    String action =
        switch (lower(value)) {
          case "ignore", "warn" -> "ignore";
          case "fail" -> "fail";
          default -> null;
        };
    if (action == null) {
      return "nothing (dead-letter, with errors.tolerance=all and a dead-letter topic, is this"
          + " sink's default)";
    }
    StringBuilder sb = new StringBuilder(ElasticGeoSinkConfig.ERROR_TYPE_ACTIONS).append('=');
    String sep = "";
    for (String type : types.split(",")) {
      sb.append(sep).append(type).append(':').append(action);
      sep = ",";
    }
    return sb.toString();
  }

  private static String resourceUsage(String value) {
    String v = lower(value);
    if (v.isEmpty() || v.equals("disabled") || v.equals("none")) {
      return "this sink has no equivalent switch: writing to index.name (or topic.index.map"
          + " targets) is its default. Remove the key.";
    }
    boolean dataStream = v.contains("datastream") || v.contains("data_stream");
    return "this sink writes to existing indices, aliases or data streams named in"
        + " topic.index.map (topic:target,topic2:target2)"
        + (dataStream ? " with data.stream.enabled=true" : "")
        + "; with mapping.template.mode=none it installs no template. Replace the key.";
  }

  /** Aiven's JSON Pointer ({@code /a/b}) as our dotted path ({@code a.b}). */
  static String jsonPointerToPath(String pointer) {
    String p = pointer.trim();
    if (p.isEmpty()) {
      return "<a dotted path, e.g. station_id>";
    }
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.replace("/", ".").replace("~1", "/").replace("~0", "~");
  }
}
