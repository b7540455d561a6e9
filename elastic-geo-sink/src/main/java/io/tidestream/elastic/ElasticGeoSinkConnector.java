package io.tidestream.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.PluginVersion;
import io.tidestream.common.config.ConfigValues;
import io.tidestream.elastic.client.AwsRequestRefused;
import io.tidestream.elastic.client.AwsSigV4;
import io.tidestream.elastic.client.ClientKeys;
import io.tidestream.elastic.client.EngineClientFactory;
import io.tidestream.elastic.client.EngineDetector;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.client.IngestPipelines;
import io.tidestream.elastic.config.ConfigChecks;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.ForeignKeys;
import io.tidestream.elastic.mapping.LifecyclePolicy;
import io.tidestream.elastic.mapping.TemplateBody;
import io.tidestream.elastic.mapping.TemplateInstaller;
import io.tidestream.elastic.retry.AwsAuthError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sink connector for Elasticsearch 7.17–9.x and OpenSearch 2.x–3.x with geo-point synthesis,
 * error-payload filtering, index templates and dead-letter routing of every rejected record.
 */
public class ElasticGeoSinkConnector extends SinkConnector {

  private static final Logger log = LoggerFactory.getLogger(ElasticGeoSinkConnector.class);

  /** Our keys: a key of another sink with the same name is ours (see {@link ForeignKeys}). */
  private static final Set<String> CONFIG_NAMES = ElasticGeoSinkConfig.CONFIG_DEF.names();

  private Map<String, String> props;

  @Override
  public String version() {
    return PluginVersion.of(ElasticGeoSinkConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    Map<String, String> foreign = ForeignKeys.problems(props, CONFIG_NAMES);
    if (!foreign.isEmpty()) {
      throw new ConnectException(
          "elastic-geo-sink does not read these keys of another sink: "
              + String.join(" ", foreign.values())
              + " See docs/migration.md.");
    }
    ElasticGeoSinkConfig config;
    try {
      config = new ElasticGeoSinkConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("Invalid elastic-geo-sink configuration: " + e.getMessage(), e);
    }
    String problem = config.deadLetterProblem();
    if (problem != null) {
      throw new ConnectException(problem);
    }
    String patternProblem = config.templatePatternProblem();
    if (patternProblem != null) {
      throw new ConnectException(patternProblem);
    }
    this.props = Map.copyOf(props);
    log.info(
        "Starting elastic-geo-sink for index {}, topic.index.map {}",
        config.indexName(),
        config.topicIndexMap());
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ElasticGeoSinkTask.class;
  }

  /** Sink tasks share one configuration; Connect spreads partitions over them. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return ElasticGeoSinkConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return validate(connectorConfigs, this::checkEngine);
  }

  /**
   * Keys of other sinks (each refused on its own key) and field checks, then cross-field checks,
   * then (only if all passed) the network check.
   */
  Config validate(
      Map<String, String> connectorConfigs,
      Function<ElasticGeoSinkConfig, Map<String, String>> engineCheck) {
    Config result = super.validate(connectorConfigs);
    refuseForeignKeys(result, connectorConfigs);
    Map<String, ConfigValue> values =
        result.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, v -> v, (a, b) -> a));
    ConfigValues.explainMillis(values, connectorConfigs);
    if (ConfigValues.hasErrors(values)) {
      return result;
    }
    ElasticGeoSinkConfig config;
    try {
      config = new ElasticGeoSinkConfig(connectorConfigs);
    } catch (ConfigException e) {
      return result;
    }
    ConfigChecks.crossField(config, values);
    checkTemplate(config, values);
    checkClientKeys(config, values);
    if (!ConfigValues.hasErrors(values)) {
      engineCheck.apply(config).forEach((key, message) -> values.get(key).addErrorMessage(message));
    }
    return result;
  }

  /** One error on each key of another sink ({@link ForeignKeys}), without echoing its value. */
  private static void refuseForeignKeys(Config result, Map<String, String> props) {
    ForeignKeys.problems(props, CONFIG_NAMES)
        .forEach(
            (key, message) -> {
              ConfigValue value = new ConfigValue(key);
              value.addErrorMessage(message);
              result.configValues().add(value);
            });
  }

  /** The client certificate, when set, must load (reads files, so not a pure check). */
  private static void checkClientKeys(
      ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    if (ConfigValues.hasErrors(values)) {
      return;
    }
    try {
      ClientKeys.keyManagers(config);
    } catch (ClientKeys.Problem e) {
      ConfigValues.addError(values, e.key(), e.getMessage());
    }
  }

  /**
   * The template from its mode (builtin, file, inline) must build; reads the file, so not a pure
   * check.
   */
  private static void checkTemplate(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    try {
      TemplateBody template = TaskComponents.template(config, new ObjectMapper());
      LifecyclePolicy policy = TaskComponents.lifecyclePolicy(config);
      if (template != null && policy != null && policy.conflict(template) != null) {
        ConfigValues.addError(
            values, ElasticGeoSinkConfig.LIFECYCLE_POLICY, policy.conflict(template));
      }
    } catch (IllegalArgumentException e) {
      String key =
          switch (config.templateMode()) {
            case FILE -> ElasticGeoSinkConfig.TEMPLATE_FILE;
            case INLINE -> ElasticGeoSinkConfig.TEMPLATE_INLINE;
            default -> ElasticGeoSinkConfig.INDEX_SETTINGS;
          };
      if (e.getMessage().startsWith("index settings")) {
        key = ElasticGeoSinkConfig.INDEX_SETTINGS;
      }
      ConfigValues.addError(values, key, e.getMessage());
    }
  }

  /** Reaches the engine once; errors keyed by the setting to fix. Never echoes secrets. */
  Map<String, String> checkEngine(ElasticGeoSinkConfig config) {
    String authKey =
        config.apiKey() != null ? ElasticGeoSinkConfig.API_KEY : ElasticGeoSinkConfig.PASSWORD;
    ObjectMapper mapper = new ObjectMapper();
    try (RestClient client = EngineClientFactory.create(config)) {
      EngineInfo info = new EngineDetector(mapper).detect(client, config.awsServerless());
      log.info("Validation reached {}", info);
      if (config.ingestPipeline() != null) {
        String missing = IngestPipelines.problem(client, config.ingestPipeline());
        if (missing != null) {
          return Map.of(ElasticGeoSinkConfig.INGEST_PIPELINE, missing);
        }
      }
      TemplateBody template = TaskComponents.template(config, mapper);
      if (template != null) {
        TemplateInstaller installer =
            new TemplateInstaller(mapper, TaskComponents.lifecyclePolicy(config));
        String lifecycle =
            installer.lifecycleProblem(client, info, template, config.templatePatterns());
        if (lifecycle != null) {
          return Map.of(ElasticGeoSinkConfig.LIFECYCLE_POLICY, lifecycle);
        }
        String rejected =
            installer.simulate(
                client,
                info,
                config.templateName(),
                template,
                config.templatePatterns(),
                config.templatePriority());
        if (rejected != null) {
          String key =
              switch (config.templateMode()) {
                case FILE -> ElasticGeoSinkConfig.TEMPLATE_FILE;
                case INLINE -> ElasticGeoSinkConfig.TEMPLATE_INLINE;
                default ->
                    config.indexSettings() != null
                        ? ElasticGeoSinkConfig.INDEX_SETTINGS
                        : ElasticGeoSinkConfig.TEMPLATE_MODE;
              };
          return Map.of(key, rejected);
        }
      }
      return Map.of();
    } catch (AwsRequestRefused e) {
      return awsRefusal(config, e.error());
    } catch (EngineException e) {
      if (e.status() == 403 && config.awsSigV4Enabled()) {
        return Map.of(
            ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID,
            "The signed request was refused (HTTP 403): the IAM principal of the AWS credentials"
                + " may not read cluster information; allow it es:ESHttpGet on the domain (aoss:"
                + " a data access policy for the collection) or map it to an OpenSearch role with"
                + " fine-grained access control");
      }
      if (e.status() == 401 && proxyRefused401(config)) {
        return Map.of(
            ElasticGeoSinkConfig.PROXY_PASSWORD,
            "Refused with HTTP 401 while the sink sends the engine no credentials, so the proxy "
                + config.proxyUrl()
                + " refused user '"
                + config.proxyUsername()
                + "' (some proxies, e.g. tinyproxy, answer 401 instead of 407); check "
                + ElasticGeoSinkConfig.PROXY_USERNAME
                + " and "
                + ElasticGeoSinkConfig.PROXY_PASSWORD);
      }
      if (e.status() == 401) {
        return Map.of(
            authKey,
            config.apiKey() != null
                ? "The engine rejected the API key (HTTP 401); check connection.api.key"
                : "The engine rejected the credentials of user '"
                    + config.username()
                    + "' (HTTP 401); check connection.username and connection.password");
      }
      if (e.status() == 407) {
        return Map.of(
            config.proxyUsername() != null
                ? ElasticGeoSinkConfig.PROXY_PASSWORD
                : ElasticGeoSinkConfig.PROXY_USERNAME,
            "The proxy "
                + config.proxyUrl()
                + " refused the request (HTTP 407 Proxy Authentication Required); check "
                + ElasticGeoSinkConfig.PROXY_USERNAME
                + " and "
                + ElasticGeoSinkConfig.PROXY_PASSWORD);
      }
      if (e.status() == 403) {
        return Map.of(
            authKey,
            "The user may not read cluster information (HTTP 403); grant the monitor cluster"
                + " privilege");
      }
      return Map.of(
          ElasticGeoSinkConfig.URLS,
          e.getMessage() + clientCertificateHint(config, e.status() == 400));
    } catch (SSLException e) {
      String clientKey = clientCertificateKey(config);
      String alert = String.valueOf(e.getMessage());
      if (clientKey == null && alert.contains("Received fatal alert: certificate_required")) {
        return Map.of(
            ElasticGeoSinkConfig.KEYSTORE_PATH,
            "The engine (or a proxy in front of it) requires a TLS client certificate ("
                + alert
                + "); set "
                + ElasticGeoSinkConfig.KEYSTORE_PATH
                + " or "
                + ElasticGeoSinkConfig.KEY_PEM_PATH
                + " with "
                + ElasticGeoSinkConfig.CERT_PEM_PATH);
      }
      if (clientKey != null && alert.contains("Received fatal alert")) {
        // the server ended the handshake: with a client certificate, most likely over it
        return Map.of(
            clientKey,
            "The engine (or a proxy in front of it) refused the client certificate of "
                + clientKey
                + " in the TLS handshake ("
                + e.getMessage()
                + "): check that it trusts the certificate's issuer and that the certificate is"
                + " valid");
      }
      String key =
          config.truststorePath() != null
              ? ElasticGeoSinkConfig.TRUSTSTORE_PATH
              : ElasticGeoSinkConfig.CA_PEM_PATH;
      return Map.of(
          key,
          "TLS handshake with "
              + config.getList(ElasticGeoSinkConfig.URLS)
              + " failed: "
              + e.getMessage()
              + "; trust the engine's CA with connection.tls.ca.pem.path or a trust store");
    } catch (ClientKeys.Problem e) {
      return Map.of(e.key(), e.getMessage());
    } catch (ConfigException e) {
      return Map.of(
          e.getMessage().contains(ElasticGeoSinkConfig.CA_PEM_PATH)
              ? ElasticGeoSinkConfig.CA_PEM_PATH
              : ElasticGeoSinkConfig.TRUSTSTORE_PATH,
          e.getMessage());
    } catch (IOException e) {
      AwsSigV4.CredentialsUnavailable noCredentials = credentialsUnavailable(e);
      if (noCredentials != null) {
        return Map.of(ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID, noCredentials.getMessage());
      }
      return Map.of(
          ElasticGeoSinkConfig.URLS,
          "Cannot reach "
              + config.getList(ElasticGeoSinkConfig.URLS)
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage())
              + (config.proxyUrl() == null ? "" : " through the proxy " + config.proxyUrl())
              + "; check that the engine runs and the URLs, ports and scheme (http/https) are"
              + " right"
              + (config.proxyUrl() == null
                  ? ""
                  : ", and that " + ElasticGeoSinkConfig.PROXY_URL + " answers")
              + clientCertificateHint(config, droppedAfterConnecting(e)));
    }
  }

  /**
   * AWS's refusal of the signature, on the key to change. Never repeats AWS's answer (it may quote
   * the canonical request, session token included) nor any secret.
   */
  static Map<String, String> awsRefusal(ElasticGeoSinkConfig config, AwsAuthError error) {
    String keyId = config.awsAccessKeyId();
    String whose =
        keyId != null
            ? "access key id '" + keyId + "'"
            : "the credentials of the AWS SDK's default credential chain";
    String refused = "AWS refused the signed request (HTTP 403, ";
    return switch (error) {
      case SIGNATURE_MISMATCH ->
          Map.of(
              ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY,
              refused
                  + "\"The request signature we calculated does not match the signature you"
                  + " provided\"): the secret access key is not the one of "
                  + whose
                  + "; check "
                  + ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY
                  + " (copy the whole secret of that key id, no spaces)");
      case INVALID_TOKEN ->
          Map.of(
              config.awsSessionToken() != null && keyId != null && keyId.startsWith("ASIA")
                  ? ElasticGeoSinkConfig.AWS_SESSION_TOKEN
                  : ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID,
              refused
                  + "\"The security token included in the request is invalid\"): AWS does not"
                  + " know "
                  + whose
                  + " (deleted, deactivated or mistyped), or its session token is not valid;"
                  + " check "
                  + ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID
                  + (config.awsSessionToken() != null
                      ? " and " + ElasticGeoSinkConfig.AWS_SESSION_TOKEN
                      : ""));
      case EXPIRED_TOKEN ->
          Map.of(
              config.awsSessionToken() != null
                  ? ElasticGeoSinkConfig.AWS_SESSION_TOKEN
                  : ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID,
              refused
                  + "the security token is expired): the temporary credentials of "
                  + whose
                  + " expired; get new ones, or leave the keys empty so that the default"
                  + " credential chain refreshes them");
      case SIGNATURE_EXPIRED ->
          Map.of(
              ElasticGeoSinkConfig.AWS_SIGV4_ENABLED,
              refused
                  + "signature expired): the signing time is more than 5 minutes away from AWS's"
                  + " clock; synchronise the worker's clock (NTP)");
      case WRONG_REGION ->
          Map.of(
              ElasticGeoSinkConfig.AWS_REGION,
              refused
                  + "the credential is scoped to region '"
                  + config.awsRegion()
                  + "'): set "
                  + ElasticGeoSinkConfig.AWS_REGION
                  + " to the region in the endpoint of the domain or collection");
      case WRONG_SERVICE ->
          Map.of(
              ElasticGeoSinkConfig.AWS_SERVICE,
              refused
                  + "the credential is scoped to service '"
                  + config.awsService()
                  + "'): set "
                  + ElasticGeoSinkConfig.AWS_SERVICE
                  + "=es for an OpenSearch Service domain (*.es.amazonaws.com) or aoss for a"
                  + " Serverless collection (*.aoss.amazonaws.com)");
      case CONTENT_HASH_MISMATCH ->
          Map.of(
              ElasticGeoSinkConfig.URLS,
              refused
                  + "the body's SHA-256 does not match x-amz-content-sha256): something between"
                  + " the sink and AWS changes request bodies; send to the endpoint directly");
    };
  }

  private static AwsSigV4.CredentialsUnavailable credentialsUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AwsSigV4.CredentialsUnavailable c) {
        return c;
      }
    }
    return null;
  }

  /**
   * A server that requires a client certificate the sink does not send (or one it does not trust)
   * closes the connection after the TLS 1.3 handshake (the client sees a closed connection, not a
   * TLS alert), or, as nginx does, answers 400: name the likely cause.
   */
  private static String clientCertificateHint(ElasticGeoSinkConfig config, boolean symptom) {
    boolean https = config.urls().stream().anyMatch(u -> "https".equals(u.getScheme()));
    if (!https || !symptom) {
      return "";
    }
    if (clientCertificateKey(config) != null) {
      return "; the engine (or a proxy in front of it) may have refused the client certificate of "
          + clientCertificateKey(config)
          + ": check that it trusts the certificate's issuer and that the certificate is valid";
    }
    return "; if the engine (or a proxy in front of it) requires a TLS client certificate, set "
        + ElasticGeoSinkConfig.KEYSTORE_PATH
        + " or "
        + ElasticGeoSinkConfig.KEY_PEM_PATH
        + " with "
        + ElasticGeoSinkConfig.CERT_PEM_PATH;
  }

  /** A 401 without engine credentials but with proxy credentials can only be the proxy's. */
  private static boolean proxyRefused401(ElasticGeoSinkConfig config) {
    return config.proxyUsername() != null && config.apiKey() == null && config.username() == null;
  }

  /** The key that holds the client certificate, or null without one. */
  private static String clientCertificateKey(ElasticGeoSinkConfig config) {
    if (config.keystorePath() != null) {
      return ElasticGeoSinkConfig.KEYSTORE_PATH;
    }
    return config.certPemPath() != null ? ElasticGeoSinkConfig.CERT_PEM_PATH : null;
  }

  /**
   * The connection was made and then dropped (closed, reset, a TLS alert), as a server that refuses
   * a client certificate does; not an unreachable host, a refused port or a timeout.
   */
  private static boolean droppedAfterConnecting(IOException e) {
    return !(e instanceof java.net.ConnectException
        || e instanceof java.net.UnknownHostException
        || e instanceof java.net.SocketTimeoutException
        || e instanceof org.apache.http.conn.ConnectTimeoutException);
  }
}
