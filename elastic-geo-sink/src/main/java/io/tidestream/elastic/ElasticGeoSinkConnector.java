package io.tidestream.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.PluginVersion;
import io.tidestream.common.config.ConfigValues;
import io.tidestream.elastic.client.EngineClientFactory;
import io.tidestream.elastic.client.EngineDetector;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.client.IngestPipelines;
import io.tidestream.elastic.config.ConfigChecks;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.ForeignKeys;
import io.tidestream.elastic.mapping.TemplateBody;
import io.tidestream.elastic.mapping.TemplateInstaller;
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

  /**
   * The template from its mode (builtin, file, inline) must build; reads the file, so not a pure
   * check.
   */
  private static void checkTemplate(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    try {
      TaskComponents.template(config, new ObjectMapper());
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
      EngineInfo info = new EngineDetector(mapper).detect(client);
      log.info("Validation reached {}", info);
      if (config.ingestPipeline() != null) {
        String missing = IngestPipelines.problem(client, config.ingestPipeline());
        if (missing != null) {
          return Map.of(ElasticGeoSinkConfig.INGEST_PIPELINE, missing);
        }
      }
      TemplateBody template = TaskComponents.template(config, mapper);
      if (template != null) {
        String rejected =
            new TemplateInstaller(mapper)
                .simulate(
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
    } catch (EngineException e) {
      if (e.status() == 401) {
        return Map.of(
            authKey,
            config.apiKey() != null
                ? "The engine rejected the API key (HTTP 401); check connection.api.key"
                : "The engine rejected the credentials of user '"
                    + config.username()
                    + "' (HTTP 401); check connection.username and connection.password");
      }
      if (e.status() == 403) {
        return Map.of(
            authKey,
            "The user may not read cluster information (HTTP 403); grant the monitor cluster"
                + " privilege");
      }
      return Map.of(ElasticGeoSinkConfig.URLS, e.getMessage());
    } catch (SSLException e) {
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
    } catch (ConfigException e) {
      return Map.of(
          e.getMessage().contains(ElasticGeoSinkConfig.CA_PEM_PATH)
              ? ElasticGeoSinkConfig.CA_PEM_PATH
              : ElasticGeoSinkConfig.TRUSTSTORE_PATH,
          e.getMessage());
    } catch (IOException e) {
      return Map.of(
          ElasticGeoSinkConfig.URLS,
          "Cannot reach "
              + config.getList(ElasticGeoSinkConfig.URLS)
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage())
              + "; check that the engine runs and the URLs, ports and scheme (http/https) are"
              + " right");
    }
  }
}
