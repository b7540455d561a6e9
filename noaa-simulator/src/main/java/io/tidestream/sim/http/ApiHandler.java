package io.tidestream.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.faults.FaultInjector;
import io.tidestream.sim.faults.FaultKind;
import io.tidestream.sim.metrics.RequestLog;
import io.tidestream.sim.metrics.RequestLogEntry;
import io.tidestream.sim.metrics.SimulatorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Front door of the data and metadata APIs. A request flows: pick a fault for this client →
 * either answer with the fault, or let {@link DataGetterService}/{@link MetadataService} build the
 * normal response and then delay, cut or send it → count it and log it.
 */
public final class ApiHandler implements HttpHandler {

  /** Header a test may send to act as a distinct client for rate limits and bans. */
  public static final String CLIENT_HEADER = "X-Sim-Client";
  static final String HTML_ERROR_PAGE = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
      + "<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to "
      + "maintenance downtime or capacity problems. Please try again later.</p></body></html>\n";

  private final DataGetterService dataGetter;
  private final MetadataService metadata;
  private final FaultInjector faults;
  private final SimulatorClock clock;
  private final SimulatorMetrics metrics;
  private final RequestLog log;
  private final CountDownLatch closing;
  private final AtomicLong sequence = new AtomicLong();

  public ApiHandler(DataGetterService dataGetter, MetadataService metadata, FaultInjector faults,
      SimulatorClock clock, SimulatorMetrics metrics, RequestLog log, CountDownLatch closing) {
    this.dataGetter = dataGetter;
    this.metadata = metadata;
    this.faults = faults;
    this.clock = clock;
    this.metrics = metrics;
    this.log = log;
    this.closing = closing;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    Instant wallStart = clock.wallNow();
    Instant simNow = clock.now();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    QueryParams params = QueryParams.parse(rawQuery);
    boolean dataRequest = path.equals("/api/prod/datagetter");
    String endpoint = dataRequest ? "datagetter" : path.startsWith(MetadataService.PREFIX) ? "mdapi" : "other";
    String client = clientOf(exchange);
    boolean readOnly = "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
    FaultKind fault = readOnly ? faults.next(client, wallStart) : FaultKind.NONE;
    ApiCall call = new ApiCall();
    Outcome outcome = new Outcome();
    try {
      if (!readOnly) {
        outcome.status = send(exchange, SimResponse.json(405, "{\"message\":\"Method Not Allowed\"}"));
      } else {
        serve(exchange, path, params, dataRequest, endpoint, fault, call, outcome);
      }
    } catch (RuntimeException e) {
      // A bug in the simulator, not a simulated fault: say so instead of dropping the connection.
      outcome.status = send(exchange, SimResponse.json(500, "{\"message\":\"simulator error: "
          + NoaaJson.escape(String.valueOf(e)) + "\"}"));
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.record(endpoint, params.get("station"), dataRequest ? params.get("product") : null, outcome.status,
          fault.name(), outcome.rows, took);
      log.add(new RequestLogEntry(sequence.incrementAndGet(), wallStart.toString(), simNow.toString(), method,
          path, rawQuery, client, params.get("application"), params.get("station"), params.get("product"),
          params.get("begin_date"), params.get("end_date"), params.get("range"), params.get("date"),
          call.begin() == null ? null : call.begin().toString(), call.end() == null ? null : call.end().toString(),
          outcome.status, fault.name(), outcome.rows, took.toMillis()));
    }
  }

  /** Status sent (0: none) and rows delivered whole (0 when a fault cut or replaced them). */
  private static final class Outcome {
    int status;
    int rows;
  }

  private void serve(HttpExchange exchange, String path, QueryParams params, boolean dataRequest, String endpoint,
      FaultKind fault, ApiCall call, Outcome outcome) throws IOException {
    if (fault == FaultKind.CONNECTION_RESET) {
      // Closing before sending headers makes the JDK server close the socket.
      exchange.close();
      return;
    }
    SimResponse response = fixedFaultResponse(fault, dataRequest);
    if (response == null) {
      response = dataRequest ? dataGetter.handle(params, call)
          : endpoint.equals("mdapi") ? metadata.handle(path, params)
          : SimResponse.json(404, "{\"message\":\"Not Found\"}");
    }
    if (fault == FaultKind.PARTIAL_BODY) {
      outcome.status = response.status();
      sendHalfAndAbort(exchange, response);
    }
    outcome.status = sendWithFault(exchange, response, fault);
    if (fault == FaultKind.NONE || fault == FaultKind.SLOW) {
      outcome.rows = response.rows();
    }
  }

  /** Responses that replace the normal answer entirely; null when the fault needs the normal answer. */
  private SimResponse fixedFaultResponse(FaultKind fault, boolean dataRequest) {
    switch (fault) {
      case HTTP_500:
        return SimResponse.json(500, "{\"message\": \"Internal server error\"}");
      case HTTP_502:
        return SimResponse.json(502, "{\"message\": \"Bad Gateway\"}");
      case HTTP_503:
        return SimResponse.json(503, "{\"message\": \"Service Unavailable\"}");
      case HTTP_504:
        return SimResponse.json(504, "{\"message\": \"Endpoint request timed out\"}");
      case HTTP_429:
        return SimResponse.json(429, "{\"message\":\"Too Many Requests\"}")
            .withHeader("Retry-After", Integer.toString(faults.retryAfterSeconds()));
      case FORBIDDEN:
        return SimResponse.json(403, "{\"message\":\"Forbidden\"}")
            .withHeader("x-amzn-ErrorType", "ForbiddenException");
      case HTML_200:
        return SimResponse.text(200, "text/html;charset=UTF-8", HTML_ERROR_PAGE);
      case OUTAGE:
        return dataRequest ? SimResponse.json(200, NoaaJson.error(NoaaApiException.NO_DATA)) : null;
      default:
        return null;
    }
  }

  private int sendWithFault(HttpExchange exchange, SimResponse response, FaultKind fault) throws IOException {
    switch (fault) {
      case SLOW:
        try {
          closing.await(faults.slowDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return send(exchange, response);
      case TRUNCATED_JSON: {
        byte[] half = Arrays.copyOf(response.body(), response.body().length / 2);
        return send(exchange, new SimResponse(response.status(), response.contentType(), response.headers(), half,
            response.rows()));
      }
      default:
        return send(exchange, response);
    }
  }

  /**
   * Announces the full Content-Length, sends half the body, then throws: the JDK server closes a
   * connection whose handler throws, so the client sees the body end early.
   */
  private static void sendHalfAndAbort(HttpExchange exchange, SimResponse response) throws IOException {
    writeHeaders(exchange, response, response.body().length);
    OutputStream out = exchange.getResponseBody();
    out.write(response.body(), 0, response.body().length / 2);
    out.flush();
    throw new IOException("PARTIAL_BODY fault: connection closed after " + response.body().length / 2 + " of "
        + response.body().length + " bytes");
  }

  static int send(HttpExchange exchange, SimResponse response) throws IOException {
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    byte[] body = response.body();
    writeHeaders(exchange, response, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
    return response.status();
  }

  private static void writeHeaders(HttpExchange exchange, SimResponse response, long length) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    exchange.sendResponseHeaders(response.status(), length);
  }

  static String clientOf(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(CLIENT_HEADER);
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    return exchange.getRemoteAddress().getAddress().getHostAddress();
  }
}
