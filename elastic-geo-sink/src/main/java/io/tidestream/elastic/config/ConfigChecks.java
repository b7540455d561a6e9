package io.tidestream.elastic.config;

import io.tidestream.common.config.ConfigValues;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The checks of {@code Connector.validate()} beyond single fields, as on the source side: pure
 * rules over a parsed config, each message on the offending key. The connector runs them after
 * every field is valid, then checks the template (which may read a file), then (only when all
 * passed) asks the engine.
 */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** Cross-field rules; needs a parsed config (all fields valid). */
  public static void crossField(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    long schemes = config.urls().stream().map(URI::getScheme).distinct().count();
    long paths =
        config.urls().stream()
            .map(u -> u.getPath() == null ? "" : u.getPath().replaceAll("/+$", ""))
            .distinct()
            .count();
    if (schemes > 1 || paths > 1) {
      error(
          values,
          ElasticGeoSinkConfig.URLS,
          "All URLs must use the same scheme (http or https) "
              + "and the same path prefix; they are nodes of one cluster");
    }
    if (config.apiKey() != null && config.username() != null) {
      error(
          values,
          ElasticGeoSinkConfig.API_KEY,
          "Use either an API key or basic authentication (connection.username), not both");
    }
    if (config.username() != null && config.password() == null) {
      error(
          values,
          ElasticGeoSinkConfig.PASSWORD,
          "connection.username is set but connection.password is not");
    }
    if (config.truststorePath() != null && config.caPemPath() != null) {
      error(
          values,
          ElasticGeoSinkConfig.CA_PEM_PATH,
          "Give either a trust store or a PEM CA file, not both");
    }
    ClientConnectionConfigs.check(config, values);
    AwsConnectionConfigs.check(config, values);
    ElasticGeoSinkConfig.BACKOFF.check(config, values);
    String patternProblem = config.templatePatternProblem();
    if (patternProblem != null) {
      error(values, ElasticGeoSinkConfig.TEMPLATE_PATTERNS, patternProblem);
    }
    if (config.writeAliasBootstrap()
        && (config.indexName() == null || !config.indexName().isFixed())) {
      error(
          values,
          ElasticGeoSinkConfig.WRITE_ALIAS_BOOTSTRAP,
          "A write alias needs a fixed index.name without placeholders, e.g. index.name=tides");
    }
    if (config.nullValues() == NullValueBehavior.DELETE
        && config.indexName() != null
        && config.indexName().usesTime()) {
      error(
          values,
          ElasticGeoSinkConfig.NULL_VALUES,
          "A tombstone carries no observation time, so "
              + "a delete cannot find its document in a time-based index ('"
              + config.indexName()
              + "'); use a fixed index.name (with mapping.write.alias.bootstrap for mapping"
              + " changes) or behavior.on.null.values=ignore");
    }
    if (config.geoEnabled() && config.geoTarget().contains(".")) {
      error(
          values,
          ElasticGeoSinkConfig.GEO_TARGET,
          "The geo point field must be a top-level field name, e.g. location");
    }
    if (config.lifecyclePolicy() != null && config.templateMode() == TemplateMode.NONE) {
      error(
          values,
          ElasticGeoSinkConfig.LIFECYCLE_POLICY,
          "The sink attaches the lifecycle policy through the index template it installs, and "
              + ElasticGeoSinkConfig.TEMPLATE_MODE
              + "=none installs none; choose builtin, file or inline, or leave "
              + ElasticGeoSinkConfig.LIFECYCLE_POLICY
              + " empty and name the policy in your own template (index.lifecycle.name on"
              + " Elasticsearch, the policy's ism_template on OpenSearch)");
    }
    TargetConfigs.check(config, values);
    WriteConfigs.check(config, values);
    String dlq = config.deadLetterProblem();
    if (dlq != null) {
      for (String key : config.deadLetterKeys()) {
        error(values, key, dlq);
      }
    }
  }

  private static void error(Map<String, ConfigValue> values, String key, String message) {
    ConfigValues.addError(values, key, message);
  }
}
