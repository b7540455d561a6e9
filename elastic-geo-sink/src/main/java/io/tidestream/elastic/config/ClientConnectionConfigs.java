package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.CERT_PEM_PATH;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_CONNECTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.KEYSTORE_PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.KEYSTORE_PATH;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.KEYSTORE_TYPE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.KEY_PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.KEY_PEM_PATH;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.PROXY_PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.PROXY_URL;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.PROXY_USERNAME;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.ConfigValues;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The Connection group, continued: the sink's own TLS client certificate (key store or PEM) and a
 * forward HTTP proxy. Their cross-field rules are {@link #check}; reading the key material is the
 * connector's (io.tidestream.elastic.client.ClientKeys).
 */
final class ClientConnectionConfigs {

  /** After the keys of {@link ConnectionConfigs}, so the group keeps its order in the docs. */
  private static final int FIRST_ORDER = 100;

  private ClientConnectionConfigs() {}

  static void addClientConnectionConfigs(ConfigDef def) {
    int order = FIRST_ORDER;
    def.define(
            KEYSTORE_PATH,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "Key store (PKCS12 or JKS) with the sink's private key and certificate, for engines"
                + " (or proxies in front of them) that require a TLS client certificate. Use"
                + " either this or "
                + KEY_PEM_PATH
                + " with "
                + CERT_PEM_PATH
                + ".",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Client key store")
        .define(
            KEYSTORE_PASSWORD,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Password of the client key store. Also the password of its key entry unless "
                + KEY_PASSWORD
                + " is set.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Client key store password")
        .define(
            KEYSTORE_TYPE,
            Type.STRING,
            "PKCS12",
            ChoiceValidator.of("PKCS12", "JKS"),
            Importance.LOW,
            "Type of the client key store.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "Client key store type",
            ChoiceValidator.of("PKCS12", "JKS"))
        .define(
            KEY_PEM_PATH,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "PEM file with the sink's private key for a TLS client certificate, in PKCS#8 form"
                + " ('BEGIN PRIVATE KEY', or 'BEGIN ENCRYPTED PRIVATE KEY' with "
                + KEY_PASSWORD
                + "); RSA, EC or Ed25519. Convert a PKCS#1 key ('BEGIN RSA PRIVATE KEY') with"
                + " 'openssl pkcs8 -topk8'. Needs "
                + CERT_PEM_PATH
                + ".",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Client key (PEM)")
        .define(
            CERT_PEM_PATH,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "PEM file with the sink's client certificate, optionally followed by its intermediate"
                + " CA certificates. Needs "
                + KEY_PEM_PATH
                + ".",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Client certificate (PEM)")
        .define(
            KEY_PASSWORD,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Password of an encrypted PEM private key (PKCS#8, e.g. from 'openssl pkcs8 -topk8"
                + " -v2 aes-256-cbc'), or of the key entry in the client key store when it differs"
                + " from the store's password.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Client key password")
        .define(
            PROXY_URL,
            Type.STRING,
            null,
            proxyUrl(),
            Importance.MEDIUM,
            "Forward HTTP proxy for every request to the engine, as http://host:port. https engine"
                + " URLs are tunnelled through it with CONNECT (TLS stays end to end). Empty for"
                + " direct connections.",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Proxy URL")
        .define(
            PROXY_USERNAME,
            Type.STRING,
            null,
            Importance.MEDIUM,
            "User for the proxy's basic authentication (Proxy-Authorization). Empty when the proxy"
                + " needs none.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Proxy username")
        .define(
            PROXY_PASSWORD,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Password for the proxy's basic authentication.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Proxy password");
  }

  static ConfigDef.Validator proxyUrl() {
    return new ConfigValidators.Parsed(
        "http://host:port", ClientConnectionConfigs::checkProxyUrl, true);
  }

  static void checkProxyUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a URL; expected http://host:port, e.g. http://proxy.local:3128");
    }
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "the proxy URL must start with http:// (the sink talks plain HTTP to the proxy and"
              + " tunnels https engine URLs through it), e.g. http://proxy.local:3128");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(
          "the proxy URL needs a host and a port, e.g. http://proxy.local:3128");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "put the proxy's user in connection.proxy.username and its password in"
              + " connection.proxy.password, not in the URL");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "the proxy URL takes no path or query, only http://host:port");
    }
  }

  /** Cross-field rules of these keys; pure, each message on the key to change. */
  static void check(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    boolean keystore = config.keystorePath() != null;
    boolean keyPem = config.keyPemPath() != null;
    boolean certPem = config.certPemPath() != null;
    if (keystore && (keyPem || certPem)) {
      error(
          values,
          keyPem ? KEY_PEM_PATH : CERT_PEM_PATH,
          "Give the client certificate either as a key store ("
              + KEYSTORE_PATH
              + ") or as PEM files ("
              + KEY_PEM_PATH
              + " and "
              + CERT_PEM_PATH
              + "), not both");
    } else if (keyPem && !certPem) {
      error(
          values,
          CERT_PEM_PATH,
          KEY_PEM_PATH
              + " is set but "
              + CERT_PEM_PATH
              + " is not; give the PEM file with the certificate of that key");
    } else if (certPem && !keyPem) {
      error(
          values,
          KEY_PEM_PATH,
          CERT_PEM_PATH
              + " is set but "
              + KEY_PEM_PATH
              + " is not; give the PEM file with the private key of that certificate");
    }
    boolean clientCert = keystore || keyPem || certPem;
    if (!keystore && config.keystorePassword() != null) {
      error(
          values,
          KEYSTORE_PASSWORD,
          KEYSTORE_PASSWORD + " is set but " + KEYSTORE_PATH + " is not; set both or neither");
    }
    if (!clientCert && config.keyPassword() != null) {
      error(
          values,
          KEY_PASSWORD,
          KEY_PASSWORD
              + " is set but no client key is; set "
              + KEY_PEM_PATH
              + " and "
              + CERT_PEM_PATH
              + ", or "
              + KEYSTORE_PATH);
    }
    if (clientCert && config.urls().stream().noneMatch(u -> "https".equals(u.getScheme()))) {
      error(
          values,
          keystore ? KEYSTORE_PATH : (keyPem ? KEY_PEM_PATH : CERT_PEM_PATH),
          "A TLS client certificate is only sent to https URLs, and "
              + ElasticGeoSinkConfig.URLS
              + " has none; use https URLs or remove the client certificate");
    }
    boolean proxy = config.proxyUrl() != null;
    String proxyUser = config.proxyUsername();
    boolean proxyPassword = config.proxyPassword() != null;
    if ((proxyUser != null || proxyPassword) && !proxy) {
      error(
          values,
          PROXY_URL,
          "Proxy credentials are set but "
              + PROXY_URL
              + " is not; give the proxy as http://host:port");
    } else if (proxyUser != null && !proxyPassword) {
      error(
          values,
          PROXY_PASSWORD,
          PROXY_USERNAME + " is set but " + PROXY_PASSWORD + " is not; set both or neither");
    } else if (proxyUser == null && proxyPassword) {
      error(
          values,
          PROXY_USERNAME,
          PROXY_PASSWORD + " is set but " + PROXY_USERNAME + " is not; set both or neither");
    }
  }

  private static void error(Map<String, ConfigValue> values, String key, String message) {
    ConfigValues.addError(values, key, message);
  }
}
