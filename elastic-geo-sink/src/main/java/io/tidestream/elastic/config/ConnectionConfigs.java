package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.API_KEY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.CA_PEM_PATH;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.COMPRESSION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_CONNECTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.HOSTNAME_VERIFICATION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TRUSTSTORE_PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TRUSTSTORE_PATH;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.TRUSTSTORE_TYPE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.URLS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.USERNAME;

import io.tidestream.common.config.ChoiceValidator;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Connection group: engine URLs, authentication, timeouts, TLS. */
final class ConnectionConfigs {

  private ConnectionConfigs() {}

  static void addConnectionConfigs(ConfigDef def) {
    int order = 0;
    def.define(
            URLS,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigValidators.urls(),
            Importance.HIGH,
            "Comma-separated URLs of Elasticsearch 7.17-9.x or OpenSearch 2.x-3.x nodes, e.g."
                + " https://es1:9200,https://es2:9200. Requests are spread over them; a failing"
                + " node is retried later.",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Engine URLs")
        .define(
            USERNAME,
            Type.STRING,
            null,
            Importance.HIGH,
            "User for HTTP basic authentication. Leave empty for no authentication or for an API"
                + " key.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Username")
        .define(
            PASSWORD,
            Type.PASSWORD,
            null,
            Importance.HIGH,
            "Password for HTTP basic authentication.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Password")
        .define(
            API_KEY,
            Type.PASSWORD,
            null,
            Importance.HIGH,
            "Elasticsearch API key, the base64 'id:api_key' value sent as 'Authorization: ApiKey"
                + " <value>'. Use either this or basic authentication.",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "API key");
    order =
        ElasticGeoSinkConfig.TIMEOUTS.define(
            def,
            GROUP_CONNECTION,
            order,
            5_000L,
            60_000L,
            "A bulk request that times out is retried.");
    def.define(
            COMPRESSION,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Gzip request bodies. Saves network on remote clusters; costs CPU, so leave it off on a"
                + " local node.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "Gzip requests")
        .define(
            TRUSTSTORE_PATH,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "Trust store (PKCS12 or JKS) with the CA that signed the engine's certificate, for"
                + " https URLs. Leave empty to use the JVM's default trust store or "
                + CA_PEM_PATH
                + ".",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "Trust store")
        .define(
            TRUSTSTORE_PASSWORD,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Password of the trust store.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "Trust store password")
        .define(
            TRUSTSTORE_TYPE,
            Type.STRING,
            "PKCS12",
            ChoiceValidator.of("PKCS12", "JKS"),
            Importance.LOW,
            "Type of the trust store.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "Trust store type",
            ChoiceValidator.of("PKCS12", "JKS"))
        .define(
            CA_PEM_PATH,
            Type.STRING,
            null,
            ConfigValidators.readableFile(),
            Importance.MEDIUM,
            "PEM file with one or more CA certificates to trust for https URLs (e.g. the engine's "
                + "config/certs/http_ca.crt). An alternative to a trust store.",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "CA certificate (PEM)")
        .define(
            HOSTNAME_VERIFICATION,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Check that the engine's certificate names the host in the URL. Turn off only for"
                + " tests.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "Verify host names");
  }
}
