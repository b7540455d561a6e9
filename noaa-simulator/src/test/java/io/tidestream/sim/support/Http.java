package io.tidestream.sim.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for tests against a running simulator. */
public final class Http {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  public HttpResponse<String> get(String pathAndQuery, Duration timeout)
      throws IOException, InterruptedException {
    return client.send(
        request(pathAndQuery).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> getRaw(String pathAndQuery) throws IOException, InterruptedException {
    return client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(String pathAndQuery) {
    try {
      return client.send(
          request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("request " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public HttpResponse<String> post(String pathAndQuery, String json) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public HttpResponse<String> delete(String pathAndQuery) {
    return send(request(pathAndQuery).DELETE().build());
  }

  /** The datagetter with {@code query} appended. */
  public HttpResponse<String> data(String query) {
    return get("/api/prod/datagetter?" + query);
  }

  public JsonNode dataJson(String query) {
    return json(data(query).body());
  }

  public static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + abbreviate(body), e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery.replace(" ", "+")))
        .timeout(Duration.ofSeconds(20));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("request " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
