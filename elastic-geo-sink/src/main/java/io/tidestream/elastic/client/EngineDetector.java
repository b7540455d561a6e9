package io.tidestream.elastic.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.retry.AwsAuthError;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * Finds out which engine and version answer. {@code GET /} first ({@code version.distribution} is
 * "opensearch" on OpenSearch, absent on Elasticsearch); when that is refused (the Elasticsearch 8
 * integ-test distribution answers 405, a user may lack the monitor privilege), {@code GET
 * /_nodes/_local} and the {@code X-elastic-product} header decide.
 */
public final class EngineDetector {

  private final ObjectMapper mapper;

  public EngineDetector(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Amazon OpenSearch Serverless (SigV4 service {@code aoss}) reports no version: it answers 404 to
   * {@code GET /} and has no {@code _nodes} API. Its collections are OpenSearch 2 compatible.
   */
  public static final EngineInfo SERVERLESS =
      new EngineInfo(EngineInfo.Distribution.OPENSEARCH, "Serverless (2.x compatible)", 2, 0);

  /**
   * Like {@link #detect(RestClient)}, except for OpenSearch Serverless: {@code GET /} is still
   * sent, signed, so that AWS judges the credentials (a 403 about the signature is refused here),
   * and its 404 means the collection accepted them.
   *
   * @param serverless the requests are signed for service {@code aoss}
   */
  public EngineInfo detect(RestClient client, boolean serverless) throws IOException {
    if (!serverless) {
      return detect(client);
    }
    try {
      client.performRequest(new Request("GET", "/"));
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      refuseOnAuth(status);
      refuseOnSignature(e.getResponse(), "GET /");
      retryOnBusy(status, "GET /");
      if (status == 403) {
        throw new EngineException(
            403,
            "OpenSearch Serverless refused the signed GET / (HTTP 403); give the IAM principal a"
                + " data access policy on the collection");
      }
      // 404: Serverless does not serve GET /; the signature was accepted
    }
    return SERVERLESS;
  }

  /**
   * @throws EngineException for 401/403 and other definite refusals (with a message that names the
   *     fix)
   * @throws IOException when no node can be reached
   */
  public EngineInfo detect(RestClient client) throws IOException {
    Response root;
    try {
      root = client.performRequest(new Request("GET", "/"));
      JsonNode body = read(root);
      JsonNode version = body.path("version");
      if (version.hasNonNull("number")) {
        // GET / declares "distribution":"opensearch" on OpenSearch; Elasticsearch has no such
        // field.
        boolean openSearch = version.path("distribution").asText("").equalsIgnoreCase("opensearch");
        return EngineInfo.of(
            openSearch ? EngineInfo.Distribution.OPENSEARCH : EngineInfo.Distribution.ELASTICSEARCH,
            version.path("number").asText());
      }
    } catch (ResponseException e) {
      refuseOnAuth(e.getResponse().getStatusLine().getStatusCode());
      refuseOnSignature(e.getResponse(), "GET /");
      retryOnBusy(e.getResponse().getStatusLine().getStatusCode(), "GET /");
      // 405 from the ES 8 integ-test distribution, 403 without monitor privilege, …: ask the node
      // itself.
    }
    try {
      Request nodes = new Request("GET", "/_nodes/_local");
      nodes.addParameter("filter_path", "nodes.*.version,nodes.*.build_flavor");
      Response response = client.performRequest(nodes);
      JsonNode body = read(response);
      Iterator<JsonNode> it = body.path("nodes").elements();
      if (it.hasNext()) {
        String number = it.next().path("version").asText("");
        if (!number.isEmpty()) {
          return EngineInfo.of(distributionOfNodesAnswer(response, number), number);
        }
      }
      throw new EngineException(
          200,
          "Cannot tell which engine answers: neither GET / nor GET /_nodes/_local returned a"
              + " version. Check that connection.urls point at Elasticsearch or OpenSearch, not a"
              + " proxy page.");
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      refuseOnAuth(status);
      refuseOnSignature(e.getResponse(), "GET /_nodes/_local");
      retryOnBusy(status, "GET /_nodes/_local");
      throw new EngineException(
          status,
          "Cannot tell which engine answers: GET / and GET /_nodes/_local were refused "
              + "with HTTP "
              + status
              + ". Check that connection.urls point at Elasticsearch or OpenSearch and that the "
              + "user has the monitor cluster privilege.");
    }
  }

  /** 429 and 5xx (a node still starting, security not initialised yet) are worth waiting for. */
  private static void retryOnBusy(int status, String request) throws IOException {
    if (ResponseClassifier.busy(status)) {
      throw new IOException(request + " answered HTTP " + status + "; the engine is not ready yet");
    }
  }

  private static void refuseOnAuth(int status) {
    if (status == 401) {
      throw new EngineException(
          401,
          "Authentication failed (HTTP 401): check connection.username and "
              + "connection.password, or connection.api.key");
    }
    if (status == 407) {
      throw new EngineException(
          407,
          "The proxy refused the request (HTTP 407): check connection.proxy.username and"
              + " connection.proxy.password");
    }
  }

  /** A 403 from AWS about the SigV4 signature ({@link AwsAuthError}) is a definite refusal. */
  private static void refuseOnSignature(Response response, String request) {
    int status = response.getStatusLine().getStatusCode();
    if (status != 403 || response.getEntity() == null) {
      return;
    }
    String body;
    try {
      body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return;
    }
    AwsAuthError error = AwsAuthError.of(status, body);
    if (error != null) {
      throw new AwsRequestRefused(error, request);
    }
  }

  /**
   * Elasticsearch 7.14+ marks every answer with {@code X-elastic-product}; OpenSearch never does.
   * Without the header, versions 1-3 are OpenSearch (Elasticsearch went from 7 to 9).
   */
  private static EngineInfo.Distribution distributionOfNodesAnswer(
      Response response, String version) {
    if (response.getHeader("X-elastic-product") != null) {
      return EngineInfo.Distribution.ELASTICSEARCH;
    }
    return EngineInfo.of(EngineInfo.Distribution.OPENSEARCH, version).major() <= 3
        ? EngineInfo.Distribution.OPENSEARCH
        : EngineInfo.Distribution.ELASTICSEARCH;
  }

  private JsonNode read(Response response) throws IOException {
    if (response.getEntity() == null) {
      return mapper.createObjectNode();
    }
    try (InputStream in = response.getEntity().getContent()) {
      return mapper.readTree(in);
    } finally {
      EntityUtils.consumeQuietly(response.getEntity());
    }
  }
}
