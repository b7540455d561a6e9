package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.API_KEY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_REGION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_SERVICE;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_SESSION_TOKEN;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.AWS_SIGV4_ENABLED;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_CONNECTION;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.PASSWORD;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.USERNAME;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.ConfigValues;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The Connection group, continued: AWS SigV4 request signing for Amazon OpenSearch Service (service
 * {@code es}) and Amazon OpenSearch Serverless ({@code aoss}). Its cross-field rules are {@link
 * #check}; the signing itself is the connector's (io.tidestream.elastic.client.AwsSigV4).
 */
final class AwsConnectionConfigs {

  /** After the keys of {@link ClientConnectionConfigs}, so the group keeps its order. */
  private static final int FIRST_ORDER = 200;

  /** The signing names of Amazon OpenSearch Service and of OpenSearch Serverless. */
  static final List<String> SERVICES = List.of("es", "aoss");

  /** us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-4, us-isob-east-1. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  private AwsConnectionConfigs() {}

  static void addAwsConnectionConfigs(ConfigDef def) {
    int order = FIRST_ORDER;
    ChoiceValidator services = ChoiceValidator.of(SERVICES);
    def.define(
            AWS_SIGV4_ENABLED,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Sign every request to the engine with AWS Signature Version 4, for Amazon OpenSearch"
                + " Service domains and OpenSearch Serverless collections that authorise IAM"
                + " principals. Needs "
                + AWS_REGION
                + "; replaces "
                + USERNAME
                + "/"
                + PASSWORD
                + " and "
                + API_KEY
                + ". Credentials: "
                + AWS_ACCESS_KEY_ID
                + " and "
                + AWS_SECRET_ACCESS_KEY
                + ", or, when both are empty, the AWS SDK's default credential chain on each"
                + " worker: environment (AWS_ACCESS_KEY_ID, …), Java system properties, ~/.aws"
                + " profile files (keys or credential_process), ECS task role or EKS Pod"
                + " Identity, EC2 instance profile. Web identity tokens and profiles with role_arn"
                + " need the SDK's STS module, which the plugin does not carry.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "AWS SigV4 signing")
        .define(
            AWS_REGION,
            Type.STRING,
            null,
            new ConfigValidators.Parsed(
                "an AWS region, e.g. us-east-1", AwsConnectionConfigs::checkRegion, true),
            Importance.MEDIUM,
            "AWS region of the domain or collection, the one in its endpoint (e.g. us-east-1 for"
                + " search-tides-abc.us-east-1.es.amazonaws.com). Required with "
                + AWS_SIGV4_ENABLED
                + ".",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "AWS region")
        .define(
            AWS_SERVICE,
            Type.STRING,
            "es",
            services,
            Importance.MEDIUM,
            "Signing name of the AWS service: es for Amazon OpenSearch Service (managed domains),"
                + " aoss for Amazon OpenSearch Serverless collections.",
            GROUP_CONNECTION,
            ++order,
            Width.SHORT,
            "AWS service",
            services)
        .define(
            AWS_ACCESS_KEY_ID,
            Type.STRING,
            null,
            Importance.MEDIUM,
            "AWS access key id (AKIA… or, with "
                + AWS_SESSION_TOKEN
                + ", ASIA…). Leave empty, with "
                + AWS_SECRET_ACCESS_KEY
                + ", to use the AWS SDK's default credential chain on each worker.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "AWS access key id")
        .define(
            AWS_SECRET_ACCESS_KEY,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "AWS secret access key of " + AWS_ACCESS_KEY_ID + "; set both or neither.",
            GROUP_CONNECTION,
            ++order,
            Width.MEDIUM,
            "AWS secret access key")
        .define(
            AWS_SESSION_TOKEN,
            Type.PASSWORD,
            null,
            Importance.LOW,
            "AWS session token of temporary credentials (from STS), with "
                + AWS_ACCESS_KEY_ID
                + " and "
                + AWS_SECRET_ACCESS_KEY
                + ". Temporary credentials expire: for long-running connectors prefer the default"
                + " credential chain, which refreshes them.",
            GROUP_CONNECTION,
            ++order,
            Width.LONG,
            "AWS session token");
  }

  static void checkRegion(String text) {
    if (!REGION.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an AWS region name; give the region of the domain or collection in"
              + " lower case, as in its endpoint, e.g. us-east-1 or eu-central-1");
    }
  }

  /** Cross-field rules of these keys; pure, each message on the key to change. */
  static void check(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    boolean keyId = config.awsAccessKeyId() != null;
    boolean secret = config.awsSecretAccessKey() != null;
    boolean token = config.awsSessionToken() != null;
    if (!config.awsSigV4Enabled()) {
      String set =
          keyId
              ? AWS_ACCESS_KEY_ID
              : secret
                  ? AWS_SECRET_ACCESS_KEY
                  : token ? AWS_SESSION_TOKEN : config.awsRegion() != null ? AWS_REGION : null;
      if (set != null) {
        error(
            values,
            AWS_SIGV4_ENABLED,
            set
                + " is set but "
                + AWS_SIGV4_ENABLED
                + " is false; set "
                + AWS_SIGV4_ENABLED
                + "=true to sign requests with AWS SigV4, or remove the connection.aws.* keys");
      }
      return;
    }
    if (config.awsRegion() == null) {
      error(
          values,
          AWS_REGION,
          AWS_SIGV4_ENABLED
              + "=true needs the region of the domain or collection, as in its endpoint; set e.g. "
              + AWS_REGION
              + "=us-east-1");
    }
    String signing = "With AWS SigV4 signing (" + AWS_SIGV4_ENABLED + "=true) the request is";
    if (config.apiKey() != null) {
      error(
          values,
          API_KEY,
          signing
              + " authorised by its IAM signature, not by an API key; remove "
              + API_KEY
              + " or set "
              + AWS_SIGV4_ENABLED
              + "=false");
    }
    if (config.username() != null || config.password() != null) {
      error(
          values,
          config.username() != null ? USERNAME : PASSWORD,
          signing
              + " authorised by its IAM signature; remove "
              + USERNAME
              + " and "
              + PASSWORD
              + " (with fine-grained access control, map the IAM user or role to an OpenSearch"
              + " role), or set "
              + AWS_SIGV4_ENABLED
              + "=false for basic authentication");
    }
    if (keyId && !secret) {
      error(
          values,
          AWS_SECRET_ACCESS_KEY,
          AWS_ACCESS_KEY_ID
              + " is set but "
              + AWS_SECRET_ACCESS_KEY
              + " is not; set both, or neither to use the AWS SDK's default credential chain");
    } else if (secret && !keyId) {
      error(
          values,
          AWS_ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY
              + " is set but "
              + AWS_ACCESS_KEY_ID
              + " is not; set the access key id it belongs to, or neither to use the AWS SDK's"
              + " default credential chain");
    } else if (token && !keyId) {
      error(
          values,
          AWS_SESSION_TOKEN,
          AWS_SESSION_TOKEN
              + " belongs to temporary credentials: set it together with "
              + AWS_ACCESS_KEY_ID
              + " and "
              + AWS_SECRET_ACCESS_KEY
              + ", or remove it to use the AWS SDK's default credential chain");
    }
  }

  private static void error(Map<String, ConfigValue> values, String key, String message) {
    ConfigValues.addError(values, key, message);
  }
}
