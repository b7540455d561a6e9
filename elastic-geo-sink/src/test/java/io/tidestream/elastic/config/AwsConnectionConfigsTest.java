package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The SigV4 keys: single-field validators and the cross-field rules, each on its own key. */
class AwsConnectionConfigsTest {

  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private static Map<String, String> props(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "https://search-tides.us-east-1.es.amazonaws.com");
    props.put("topics", "noaa.water_level");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.putAll(extra);
    return props;
  }

  private static Map<String, ConfigValue> check(Map<String, String> extra) {
    Map<String, ConfigValue> values = new HashMap<>();
    ConfigChecks.crossField(new ElasticGeoSinkConfig(props(extra)), values);
    values.values().removeIf(v -> v.errorMessages().isEmpty());
    return values;
  }

  private static String error(Map<String, ConfigValue> values, String key) {
    assertThat(values).containsOnlyKeys(key);
    String message = values.get(key).errorMessages().get(0);
    assertThat(message).doesNotContain(SECRET);
    return message;
  }

  @Test
  void signingIsOffByDefaultAndServiceDefaultsToEs() {
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(props(Map.of()));
    assertThat(config.awsSigV4Enabled()).isFalse();
    assertThat(config.awsService()).isEqualTo("es");
    assertThat(config.awsAccessKeyId()).isNull();
    assertThat(config.awsSecretAccessKey()).isNull();
  }

  @Test
  void aRegionWithAKeyPairOrWithTheDefaultChainIsValid() {
    assertThat(
            check(
                Map.of(
                    ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true",
                    ElasticGeoSinkConfig.AWS_REGION, "us-gov-west-1",
                    ElasticGeoSinkConfig.AWS_SERVICE, "aoss",
                    ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID, "AKIDEXAMPLE",
                    ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY, SECRET)))
        .isEmpty();
    assertThat(
            check(
                Map.of(
                    ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true",
                    ElasticGeoSinkConfig.AWS_REGION, "eu-central-1")))
        .isEmpty();
  }

  @Test
  void signingWithoutARegionSaysWhichRegionToGive() {
    assertThat(
            error(
                check(Map.of(ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true")),
                ElasticGeoSinkConfig.AWS_REGION))
        .contains("connection.aws.region=us-east-1")
        .contains("as in its endpoint");
  }

  @Test
  void regionAndServiceAreCheckedOnTheirOwnKeys() {
    assertThatThrownBy(
            () ->
                new ElasticGeoSinkConfig(
                    props(Map.of(ElasticGeoSinkConfig.AWS_REGION, "US East (N. Virginia)"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ElasticGeoSinkConfig.AWS_REGION)
        .hasMessageContaining("e.g. us-east-1");
    assertThatThrownBy(
            () -> new ElasticGeoSinkConfig(props(Map.of(ElasticGeoSinkConfig.AWS_SERVICE, "s3"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ElasticGeoSinkConfig.AWS_SERVICE);
    assertThat(
            ElasticGeoSinkConfig.CONFIG_DEF
                .configKeys()
                .get(ElasticGeoSinkConfig.AWS_SERVICE)
                .recommender
                .validValues(ElasticGeoSinkConfig.AWS_SERVICE, Map.of()))
        .containsExactly("es", "aoss");
  }

  @Test
  void halfAKeyPairIsAnErrorOnTheMissingHalf() {
    Map<String, String> signing =
        Map.of(
            ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true",
            ElasticGeoSinkConfig.AWS_REGION, "us-east-1");
    Map<String, String> idOnly = new HashMap<>(signing);
    idOnly.put(ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID, "AKIDEXAMPLE");
    assertThat(error(check(idOnly), ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY))
        .contains("set both, or neither to use the AWS SDK's default credential chain");
    Map<String, String> secretOnly = new HashMap<>(signing);
    secretOnly.put(ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY, SECRET);
    assertThat(error(check(secretOnly), ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID))
        .contains("set the access key id it belongs to");
    Map<String, String> tokenOnly = new HashMap<>(signing);
    tokenOnly.put(ElasticGeoSinkConfig.AWS_SESSION_TOKEN, "FQoGZXIvYXdzEXAMPLETOKEN");
    assertThat(error(check(tokenOnly), ElasticGeoSinkConfig.AWS_SESSION_TOKEN))
        .contains("temporary credentials")
        .doesNotContain("FQoGZXIvYXdzEXAMPLETOKEN");
  }

  @Test
  void signingTogetherWithBasicAuthOrAnApiKeyIsAnErrorOnTheOtherKey() {
    Map<String, String> basic =
        new HashMap<>(
            Map.of(
                ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true",
                ElasticGeoSinkConfig.AWS_REGION, "us-east-1",
                ElasticGeoSinkConfig.USERNAME, "connect",
                ElasticGeoSinkConfig.PASSWORD, "pw-1234"));
    assertThat(error(check(basic), ElasticGeoSinkConfig.USERNAME))
        .contains("remove connection.username and connection.password")
        .contains("connection.aws.sigv4.enabled=false");
    Map<String, String> apiKey =
        Map.of(
            ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true",
            ElasticGeoSinkConfig.AWS_REGION, "us-east-1",
            ElasticGeoSinkConfig.API_KEY, "aWQ6a2V5");
    assertThat(error(check(apiKey), ElasticGeoSinkConfig.API_KEY))
        .contains("not by an API key; remove connection.api.key");
  }

  @Test
  void awsKeysWithoutSigningAreAnErrorOnTheSwitch() {
    assertThat(
            error(
                check(
                    Map.of(
                        ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID,
                        "AKIDEXAMPLE",
                        ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY,
                        SECRET)),
                ElasticGeoSinkConfig.AWS_SIGV4_ENABLED))
        .contains("set connection.aws.sigv4.enabled=true");
  }
}
