package io.tidestream.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Amazon OpenSearch Service (or Serverless) looks like to the sink, on this machine: a reverse
 * proxy in front of a real engine that checks each request's SigV4 signature with {@link
 * SigV4Check} (its own implementation of the algorithm, proven with AWS's published vectors) and
 * the known secret, and answers 403 with AWS's JSON error body when anything is wrong; a request
 * that verifies goes on to the engine without the AWS headers. Counts verified and refused
 * requests. Nothing here reaches AWS.
 */
public final class SigV4Verifier implements AutoCloseable {

  /** One refused request: what it was and AWS's message for it. */
  public record Refusal(String request, String message) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger verified = new AtomicInteger();
  private final List<Refusal> refused = new CopyOnWriteArrayList<>();
  private final List<String> verifiedRequests = new CopyOnWriteArrayList<>();

  private SigV4Verifier(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a verifier for one service and region, knowing one key pair (and its session token, or
   * null), in front of {@code upstreamUrl}.
   */
  public static SigV4Verifier start(
      String upstreamUrl,
      String region,
      String service,
      String keyId,
      String secret,
      String sessionToken)
      throws IOException {
    SigV4Check check =
        new SigV4Check(
            Map.of(keyId, secret),
            sessionToken == null ? Map.of() : Map.of(keyId, sessionToken),
            region,
            service,
            Clock.systemUTC(),
            Duration.ofMinutes(5),
            true);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ExecutorService executor = Executors.newFixedThreadPool(8);
    SigV4Verifier verifier = new SigV4Verifier(server, executor);
    server.createContext(
        "/",
        exchange -> {
          try {
            verifier.handle(exchange, check, client, URI.create(upstreamUrl));
          } finally {
            exchange.close();
          }
        });
    server.setExecutor(executor);
    server.start();
    return verifier;
  }

  private void handle(HttpExchange exchange, SigV4Check check, HttpClient client, URI upstream)
      throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    List<SigV4Check.Header> headers = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> values.forEach(v -> headers.add(new SigV4Check.Header(name, v))));
    URI uri = exchange.getRequestURI();
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String method = exchange.getRequestMethod();
    SigV4Check.Result result = check.check(method, target, headers, body);
    if (!result.passed()) {
      refused.add(new Refusal(method + " " + target, result.message()));
      byte[] answer =
          ("{\"message\":\"" + result.message().replace("\"", "\\\"") + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-amzn-ErrorType", "InvalidSignatureException");
      exchange.sendResponseHeaders(403, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
      return;
    }
    verified.incrementAndGet();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    verifiedRequests.add(
        method + " " + uri.getRawPath() + (encoding == null ? "" : " (" + encoding + ")"));
    HttpRelay.relay(exchange, client, upstream, target, body);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests whose signature verified (and went on to the engine). */
  public int verified() {
    return verified.get();
  }

  /** Method and path of each verified request, with its Content-Encoding if any, in order. */
  public List<String> verifiedRequests() {
    return List.copyOf(verifiedRequests);
  }

  /** Requests refused with a 403, each with AWS's message. */
  public List<Refusal> refused() {
    return List.copyOf(refused);
  }

  /** Starts counting anew. */
  public void reset() {
    verified.set(0);
    verifiedRequests.clear();
    refused.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
