package io.tidestream.elastic.client;

import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpEntity;
import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * AWS Signature Version 4 with the AWS SDK's own signer ({@link AwsV4HttpSigner}) and credentials
 * resolved from a provider for every request (the provider caches and refreshes them): the
 * configured key pair, or the SDK's {@link DefaultCredentialsProvider} chain. The payload's SHA-256
 * goes in {@code x-amz-content-sha256} (required by OpenSearch Serverless, sent to both services).
 */
public final class AwsSigV4 {

  /** The headers the signer adds or sets, copied onto the request that goes out. */
  static final List<String> SIGNATURE_HEADERS =
      List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token");

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final String service;
  private final Clock clock;

  AwsSigV4(AwsCredentialsProvider credentials, String region, String service, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.clock = clock;
  }

  /** The signing of a configuration with {@code connection.aws.sigv4.enabled}. */
  public static AwsSigV4 of(ElasticGeoSinkConfig config) {
    if (config.awsRegion() == null) {
      throw new ConfigException(
          ElasticGeoSinkConfig.AWS_REGION,
          null,
          "is required with "
              + ElasticGeoSinkConfig.AWS_SIGV4_ENABLED
              + "=true; set the region in the endpoint of the domain or collection, e.g."
              + " us-east-1");
    }
    return new AwsSigV4(
        credentialsProvider(config), config.awsRegion(), config.awsService(), Clock.systemUTC());
  }

  /** The configured key pair (with its session token), or the SDK's default chain. */
  static AwsCredentialsProvider credentialsProvider(ElasticGeoSinkConfig config) {
    String keyId = config.awsAccessKeyId();
    if (keyId == null || config.awsSecretAccessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String secret = config.awsSecretAccessKey().value().trim();
    AwsCredentials fixed =
        config.awsSessionToken() == null
            ? AwsBasicCredentials.create(keyId, secret)
            : AwsSessionCredentials.create(keyId, secret, config.awsSessionToken().value().trim());
    return StaticCredentialsProvider.create(fixed);
  }

  /**
   * Signs a request.
   *
   * @param request what the signature covers ({@link SigV4Requests#of})
   * @param body the request body, read once more to hash it (repeatable); null for none
   * @return the headers to set on the request: Authorization, X-Amz-Date, x-amz-content-sha256 and,
   *     with temporary credentials, X-Amz-Security-Token
   * @throws CredentialsUnavailable when the provider has no credentials
   */
  Map<String, String> sign(SdkHttpRequest request, HttpEntity body) throws IOException {
    AwsCredentials identity;
    try {
      identity = credentials.resolveCredentials();
    } catch (SdkException e) {
      throw new CredentialsUnavailable(e.getMessage());
    }
    SignedRequest signed;
    try {
      signed =
          signer.sign(
              r -> {
                r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
                if (body != null) {
                  r.payload(payload(body));
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : SIGNATURE_HEADERS) {
      signed.request().firstMatchingHeader(name).ifPresent(v -> headers.put(name, v));
    }
    return headers;
  }

  /** The body as the HTTP client sends it: its content stream (gzipped with compression on). */
  private static ContentStreamProvider payload(HttpEntity body) {
    return () -> {
      try {
        return body.getContent();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** No AWS credentials could be resolved; the message lists where the SDK looked, no secret. */
  public static final class CredentialsUnavailable extends IOException {
    private static final long serialVersionUID = 1L;

    CredentialsUnavailable(String sdkMessage) {
      super(
          "No AWS credentials to sign the request with ("
              + sdkMessage
              + "); set "
              + ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID
              + " and "
              + ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY
              + ", or give every worker credentials through the AWS SDK's default chain"
              + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, a container or instance"
              + " role)");
    }
  }
}
