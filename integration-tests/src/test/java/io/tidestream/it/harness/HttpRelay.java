package io.tidestream.it.harness;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The test proxies' way on to the engine ({@link TlsProxy}, {@link SigV4Verifier}): one request of
 * a JDK {@code HttpServer} exchange sent upstream with {@code HttpClient}, and the engine's answer
 * sent back. 502 when the engine cannot be reached, 503 when interrupted.
 */
final class HttpRelay {

  /** Request headers passed on to the engine (the HTTP client sets the rest itself). */
  static final Set<String> FORWARDED =
      Set.of("content-type", "content-encoding", "accept", "accept-encoding");

  /** Response headers of the engine that are not passed back: the server sets its own framing. */
  static final Set<String> NOT_RETURNED =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

  private HttpRelay() {}

  /**
   * Sends {@code body} to {@code target} (path and query) on {@code upstream} with the request's
   * method and {@link #FORWARDED} headers, and answers the exchange with what comes back.
   *
   * @return the status sent
   */
  static int relay(
      HttpExchange exchange, HttpClient client, URI upstream, String target, byte[] body)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(target))
            .timeout(Duration.ofMinutes(2))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      exchange.sendResponseHeaders(502, -1);
      return 502;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
      return 503;
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] answer = response.body();
    boolean noBody = answer.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
    return response.statusCode();
  }
}
