package io.tidestream.elastic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.apache.http.Header;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHeader;
import org.junit.jupiter.api.Test;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The sink's SigV4 signing: the SDK's signer as the sink drives it, and what goes on the wire. */
class AwsSigV4Test {

  /*
   * AWS's published SigV4 test suite, vector post-x-www-form-urlencoded, as kept in
   * awslabs/aws-c-auth at commit 495329c2433034bd8fd53fc6ba9e0202d3fac876, files
   * tests/aws-signing-test-suite/v4/post-x-www-form-urlencoded/{context.json,request.txt,
   * header-signature.txt}: credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
   * us-east-1, service "service", 2015-08-30T12:36:00Z, body signed. It signs
   * content-length;content-type;host;x-amz-content-sha256;x-amz-date, the only vector of the suite
   * that carries x-amz-content-sha256 as the sink always does.
   */
  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final Clock VECTOR_TIME =
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  static final String POST_FORM_SIGNATURE =
      "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b";
  static final String POST_FORM_BODY_SHA256 =
      "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";

  private static AwsSigV4 vectorSigner() {
    return new AwsSigV4(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)),
        "us-east-1",
        "service",
        VECTOR_TIME);
  }

  @Test
  void theSdkSignerAsTheSinkDrivesItGivesThePublishedSignatureOfPostForm() throws Exception {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(software.amazon.awssdk.http.SdkHttpMethod.POST)
            .protocol("https")
            .host("example.amazonaws.com")
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .putHeader("Host", "example.amazonaws.com")
            .putHeader("Content-Length", "13")
            .build();
    Map<String, String> headers =
        vectorSigner()
            .sign(
                request,
                new StringEntity(
                    "Param1=value1",
                    ContentType.create("application/x-www-form-urlencoded", (String) null)));
    assertThat(headers)
        .containsEntry("X-Amz-Date", "20150830T123600Z")
        .containsEntry("x-amz-content-sha256", POST_FORM_BODY_SHA256)
        .containsEntry(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,"
                + " Signature="
                + POST_FORM_SIGNATURE)
        .doesNotContainKey("X-Amz-Security-Token");
  }

  @Test
  void theSignatureCoversHostTypeEncodingAndAmzHeadersButNotProxyOrFramingHeaders() {
    Header[] headers = {
      new BasicHeader("Host", "search-tides.us-east-1.es.amazonaws.com:443"),
      new BasicHeader("Content-Type", "application/x-ndjson"),
      new BasicHeader("Content-Encoding", "gzip"),
      new BasicHeader("Content-Length", "1234"),
      new BasicHeader("Transfer-Encoding", "chunked"),
      new BasicHeader("Proxy-Authorization", "Basic dGlkZTpzZWNyZXQ="),
      new BasicHeader("User-Agent", "Apache-HttpAsyncClient/4.1.5"),
      new BasicHeader("Accept-Encoding", "gzip"),
      new BasicHeader("Connection", "Keep-Alive")
    };
    SdkHttpRequest request =
        SigV4Requests.of(
            "POST",
            "http://search-tides.us-east-1.es.amazonaws.com:443/_bulk?refresh=false&filter_path=items.*.error,took",
            "https",
            headers);
    assertThat(request.headers().keySet())
        .containsExactlyInAnyOrder("Host", "Content-Type", "Content-Encoding");
    assertThat(request.encodedPath()).isEqualTo("/_bulk");
    assertThat(request.host()).isEqualTo("search-tides.us-east-1.es.amazonaws.com");
    assertThat(request.port()).isEqualTo(443);
    assertThat(request.rawQueryParameters())
        .containsEntry("refresh", List.of("false"))
        .containsEntry("filter_path", List.of("items.*.error,took"));
  }

  @Test
  void theHostHeaderLeavesOutTheSchemesDefaultPortOnly() {
    assertThat(SigV4Requests.hostHeader("search-t.us-east-1.es.amazonaws.com:443", "https"))
        .isEqualTo("search-t.us-east-1.es.amazonaws.com");
    assertThat(SigV4Requests.hostHeader("127.0.0.1:80", "http")).isEqualTo("127.0.0.1");
    assertThat(SigV4Requests.hostHeader("127.0.0.1:443", "http")).isEqualTo("127.0.0.1:443");
    assertThat(SigV4Requests.hostHeader("127.0.0.1:9200", "https")).isEqualTo("127.0.0.1:9200");
    assertThat(SigV4Requests.hostHeader("[::1]:443", "https")).isEqualTo("[::1]");
    assertThat(SigV4Requests.hostHeader("[::443]", "https")).isEqualTo("[::443]");
  }

  @Test
  void queryParametersAreDecodedAsTheEngineReadsThem() {
    SdkHttpRequest request =
        SigV4Requests.of(
            "GET",
            "/_nodes/_local?filter_path=nodes.*.version%2Cnodes.*.build_flavor&q=a+b&flag",
            "http",
            new Header[] {new BasicHeader("Host", "127.0.0.1:9200")});
    assertThat(request.rawQueryParameters())
        .containsEntry("filter_path", List.of("nodes.*.version,nodes.*.build_flavor"))
        .containsEntry("q", List.of("a b"))
        .containsEntry("flag", List.of(""));
    assertThat(request.encodedPath()).isEqualTo("/_nodes/_local");
    assertThatThrownBy(() -> SigV4Requests.of("GET", "/", "http", new Header[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One request as the server received it: headers and the raw body bytes. */
  record Received(Map<String, String> headers, byte[] body) {}

  @Test
  void everyRequestOfTheRestClientIsSignedOverTheGzippedBytesItSends() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          Map<String, String> headers = new HashMap<>();
          ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          received.add(new Received(headers, body));
          byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, answer.length);
          ex.getResponseBody().write(answer);
          ex.close();
        });
    server.start();
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "http://127.0.0.1:" + server.getAddress().getPort());
    props.put("topics", "noaa.water_level");
    props.put(ElasticGeoSinkConfig.COMPRESSION, "true");
    props.put(ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true");
    props.put(ElasticGeoSinkConfig.AWS_REGION, "eu-west-1");
    props.put(ElasticGeoSinkConfig.AWS_SERVICE, "aoss");
    props.put(ElasticGeoSinkConfig.AWS_ACCESS_KEY_ID, "AKIDTESTSINK");
    props.put(ElasticGeoSinkConfig.AWS_SECRET_ACCESS_KEY, SECRET);
    props.put(ElasticGeoSinkConfig.AWS_SESSION_TOKEN, "session-token-of-the-test");
    String ndjson = "{\"index\":{\"_index\":\"tides\"}}\n{\"station_id\":\"8454000\"}\n";
    try (RestClient client = EngineClientFactory.create(new ElasticGeoSinkConfig(props))) {
      Request bulk = new Request("POST", "/_bulk");
      bulk.addParameter("filter_path", "items.*.error");
      bulk.setEntity(new StringEntity(ndjson, ContentType.create("application/x-ndjson")));
      client.performRequest(bulk);
      client.performRequest(new Request("GET", "/"));
    } finally {
      server.stop(0);
    }
    assertThat(received).hasSize(2);
    Received post = received.get(0);
    assertThat(post.headers()).containsEntry("content-encoding", "gzip");
    assertThat(new String(gunzip(post.body()), StandardCharsets.UTF_8)).isEqualTo(ndjson);
    assertThat(post.headers().get("x-amz-content-sha256")).isEqualTo(sha256(post.body()));
    assertThat(post.headers().get("x-amz-security-token")).isEqualTo("session-token-of-the-test");
    assertThat(post.headers().get("authorization"))
        .matches(
            "AWS4-HMAC-SHA256 Credential=AKIDTESTSINK/\\d{8}/eu-west-1/aoss/aws4_request,"
                + " SignedHeaders=content-encoding;content-type;host;x-amz-content-sha256;"
                + "x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}");
    Received get = received.get(1);
    assertThat(get.headers().get("x-amz-content-sha256")).isEqualTo(sha256(new byte[0]));
    assertThat(get.headers().get("authorization"))
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  }

  @Test
  void signingWithoutARegionIsRefusedBeforeAnyRequest() {
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "https://search-tides.us-east-1.es.amazonaws.com");
    props.put("topics", "noaa.water_level");
    props.put(ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true");
    assertThatThrownBy(() -> AwsSigV4.of(new ElasticGeoSinkConfig(props)))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessageContaining("connection.aws.region")
        .hasMessageContaining("e.g. us-east-1");
  }

  @Test
  void withoutKeysTheSdksDefaultCredentialChainIsUsed() throws Exception {
    assumeThat(System.getenv("AWS_ACCESS_KEY_ID"))
        .as("the environment comes first in the chain")
        .isNull();
    Map<String, String> props = new HashMap<>();
    props.put(ElasticGeoSinkConfig.URLS, "https://search-tides.us-east-1.es.amazonaws.com");
    props.put("topics", "noaa.water_level");
    props.put(ElasticGeoSinkConfig.AWS_SIGV4_ENABLED, "true");
    props.put(ElasticGeoSinkConfig.AWS_REGION, "us-east-1");
    String oldId = System.getProperty("aws.accessKeyId");
    String oldSecret = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", "AKIDFROMSYSTEMPROPS");
    System.setProperty("aws.secretAccessKey", SECRET);
    try {
      AwsCredentials credentials =
          AwsSigV4.credentialsProvider(new ElasticGeoSinkConfig(props)).resolveCredentials();
      assertThat(credentials.accessKeyId()).isEqualTo("AKIDFROMSYSTEMPROPS");
      assertThat(credentials.secretAccessKey()).isEqualTo(SECRET);
    } finally {
      restore("aws.accessKeyId", oldId);
      restore("aws.secretAccessKey", oldSecret);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static byte[] gunzip(byte[] gz) throws Exception {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
