package io.tidestream.elastic.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A JDK HTTP server on a loopback ephemeral port that answers like Elasticsearch/OpenSearch with
 * scripted, recorded-shape responses, and records what it received.
 */
public final class FakeEngine implements AutoCloseable {

  /** One scripted answer. */
  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of());
    }
  }

  /** One received request; the body is decompressed when it was gzipped. */
  public record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile String requiredAuthorization;

  public FakeEngine() throws IOException {
    this((SSLContext) null);
  }

  /** With an SSL context the fake speaks HTTPS. */
  public FakeEngine(SSLContext tls) throws IOException {
    this(tls == null ? null : new HttpsConfigurator(tls));
  }

  /** HTTPS set up by the test, e.g. requiring a client certificate. */
  public FakeEngine(HttpsConfigurator tls) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(tls);
      server = https;
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return (server instanceof HttpsServer ? "https" : "http")
        + "://127.0.0.1:"
        + server.getAddress().getPort();
  }

  /** Answers {@code METHOD /path} with {@code reply} from now on. */
  public FakeEngine always(String method, String path, Reply reply) {
    defaults.put(method + " " + path, reply);
    return this;
  }

  /**
   * Answers the next {@code METHOD /path} with {@code reply}, before falling back to {@link
   * #always}.
   */
  public FakeEngine once(String method, String path, Reply reply) {
    scripts.computeIfAbsent(method + " " + path, k -> new ConcurrentLinkedDeque<>()).addLast(reply);
    return this;
  }

  /** Answers bulk requests by acknowledging every action, unless scripted otherwise. */
  public FakeEngine acknowledgeBulk() {
    defaults.put("POST /_bulk", null);
    return this;
  }

  public FakeEngine asOpenSearch(String version) {
    return always(
        "GET",
        "/",
        Reply.json(
            200,
            "{\"name\":\"node-1\",\"cluster_name\":\"tides\",\"version\":{"
                + "\"distribution\":\"opensearch\",\"number\":\""
                + version
                + "\",\"build_type\":\"tar\",\"lucene_version\":\"9.12.1\"},"
                + "\"tagline\":\"The OpenSearch Project: https://opensearch.org/\"}"));
  }

  /**
   * From now on, requests without exactly this Authorization header get 401 like a secured engine.
   */
  public FakeEngine authorizeOnly(String authorization) {
    this.requiredAuthorization = authorization;
    return this;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public List<Received> received(String method, String path) {
    return received.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if ("gzip".equalsIgnoreCase(encoding)) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          raw = in.readAllBytes();
        }
      }
      String body = new String(raw, StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      received.add(
          new Received(
              method,
              path,
              exchange.getRequestURI().getQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      String key = method + " " + path;
      Deque<Reply> script = scripts.get(key);
      Reply reply = null;
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
        reply =
            new Reply(
                401,
                "{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing authentication"
                    + " credentials\"},\"status\":401}",
                Map.of("WWW-Authenticate", "Basic realm=\"security\""));
      } else if (script != null) {
        reply = script.pollFirst();
      }
      if (reply == null) {
        reply = defaults.get(key);
      }
      if (reply == null && key.equals("POST /_bulk")) {
        reply = Reply.json(200, BulkResponses.allOk(FakeTransport.actionCount(body)));
      }
      if (reply == null) {
        reply =
            Reply.json(
                404,
                "{\"error\":{\"type\":\"not_found\",\"reason\":\"no fake for "
                    + key
                    + "\"},\"status\":404}");
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(reply.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
