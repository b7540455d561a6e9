package io.tidestream.lag.exposition;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidestream.lag.poll.PollState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (the {@link Exposition} of the current state) on the JDK's HTTP server.
 */
public final class MetricsServer implements AutoCloseable {

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  public static MetricsServer start(String host, int port, Supplier<PollState> state, Clock clock)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            respond(
                exchange,
                200,
                Exposition.CONTENT_TYPE,
                Exposition.render(state.get(), clock.instant()));
          }
        });
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            respond(
                exchange,
                exchange.getRequestURI().getPath().equals("/") ? 200 : 404,
                "text/plain; charset=utf-8",
                "tidestream lag exporter: consumer lag per group, topic and partition on"
                    + " /metrics\n");
          }
        });
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "lag-http");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new MetricsServer(server);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
