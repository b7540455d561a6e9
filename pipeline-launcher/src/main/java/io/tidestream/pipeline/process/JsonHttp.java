package io.tidestream.pipeline.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON-over-HTTP client for the servers' admin APIs (Connect REST, engines, simulator). */
public final class JsonHttp {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Duration timeout;
  private final Map<String, String> headers;

  public JsonHttp(Duration timeout) {
    this(timeout, Map.of());
  }

  /**
   * A client that sends {@code headers} (e.g. {@code Authorization}) with every request. Their
   * values never appear in a {@link Response} or an exception message.
   */
  public JsonHttp(Duration timeout, Map<String, String> headers) {
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
  }

  /** An answer: the status and the body, parsed when it is JSON. */
  public record Response(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (HTTP " + status + "): " + body, e);
      }
    }
  }

  public Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public Response delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  public Response put(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String url, String json, String contentType) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String url, String json) {
    return post(url, json, "application/json");
  }

  private Response send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
