package io.tidestream.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.faults.AnswerFaults;
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
import java.util.function.UnaryOperator;

/**
 * Front door of the data and metadata APIs. A request flows: pick a fault for this client → either
 * answer with the fault, or let {@link DataGetterService}/{@link MetadataService} build the normal
 * response, which the fault may delay or cut → count and log it → send it. Counting comes before
 * sending so that a client holding its answer sees itself in the counters.
 */
public final class ApiHandler implements HttpHandler {

  /** Header a test may send to act as a distinct client for rate limits and bans. */
  public static final String CLIENT_HEADER = "X-Sim-Client";

  static final String HTML_ERROR_PAGE =
      "<!DOCTYPE html>\n"
          + "<html><head><title>503 Service Unavailable</title></head><body><h1>Service"
          + " Unavailable</h1><p>The server is temporarily unable to service your request due to"
          + " maintenance downtime or capacity problems. Please try again"
          + " later.</p></body></html>\n";

  private final DataGetterService dataGetter;
  private final MetadataService metadata;
  private final FaultInjector faults;
  private final SimulatorClock clock;
  private final SimulatorMetrics metrics;
  private final RequestLog log;
  private final CountDownLatch closing;
  private final AtomicLong sequence = new AtomicLong();

  public ApiHandler(
      DataGetterService dataGetter,
      MetadataService metadata,
      FaultInjector faults,
      SimulatorClock clock,
      SimulatorMetrics metrics,
      RequestLog log,
      CountDownLatch closing) {
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
    Record record = new Record(exchange);
    try {
      if (!record.readOnly) {
        SimResponse response = SimResponse.json(405, "{\"message\":\"Method Not Allowed\"}");
        record.commit(response.status(), 0);
        send(exchange, response);
      } else {
        serve(exchange, record);
      }
    } catch (RuntimeException e) {
      // A bug in the simulator, not a simulated fault: say so instead of dropping the connection.
      SimResponse response =
          SimResponse.json(
              500, "{\"message\":\"simulator error: " + NoaaJson.escape(String.valueOf(e)) + "\"}");
      record.commit(response.status(), 0);
      send(exchange, response);
    } finally {
      record.commit(0, 0);
    }
  }

  /**
   * Counts and logs the request before the first response byte leaves, so a client that has its
   * answer can read counters and log that already include it.
   */
  private void serve(HttpExchange exchange, Record record) throws IOException {
    FaultKind fault = record.fault;
    if (fault == FaultKind.CONNECTION_RESET) {
      record.commit(0, 0);
      // Closing before sending headers makes the JDK server close the socket.
      exchange.close();
      return;
    }
    SimResponse response = fixedFaultResponse(fault, record.dataRequest);
    if (response == null) {
      response =
          record.dataRequest
              ? dataGetter.handle(
                  record.params,
                  record.call,
                  fault == FaultKind.NON_NUMERIC_VALUE
                      ? AnswerFaults::withNonNumericValue
                      : UnaryOperator.identity())
              : record.endpoint.equals("mdapi")
                  ? metadata.handle(record.path, record.params)
                  : SimResponse.json(404, "{\"message\":\"Not Found\"}");
    }
    boolean whole =
        switch (fault) {
          case NONE, SLOW, BOM_BODY, NON_NUMERIC_VALUE, CLOSE_AFTER_ANSWER -> true;
          default -> false;
        };
    switch (fault) {
      case SLOW:
        try {
          closing.await(faults.slowDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        break;
      case TRUNCATED_JSON:
        response =
            new SimResponse(
                response.status(),
                response.contentType(),
                response.headers(),
                Arrays.copyOf(response.body(), response.body().length / 2),
                response.rows());
        break;
      case BOM_BODY:
        response =
            new SimResponse(
                response.status(),
                response.contentType(),
                response.headers(),
                AnswerFaults.withByteOrderMark(response.body()),
                response.rows());
        break;
      default:
        break;
    }
    record.commit(response.status(), whole ? response.rows() : 0);
    if (fault == FaultKind.PARTIAL_BODY) {
      sendHalfAndAbort(exchange, response);
    }
    if (fault == FaultKind.CLOSE_AFTER_ANSWER) {
      sendWholeAndClose(exchange, response);
    }
    send(exchange, response);
  }

  /** What the request log and counters keep of one request; committed once. */
  private final class Record {
    final long started = System.nanoTime();
    final Instant wallStart = clock.wallNow();
    final Instant simNow = clock.now();
    final String method;
    final String path;
    final String rawQuery;
    final QueryParams params;
    final boolean dataRequest;
    final String endpoint;
    final String client;
    final boolean readOnly;
    final FaultKind fault;
    final ApiCall call = new ApiCall();
    private boolean committed;

    Record(HttpExchange exchange) {
      method = exchange.getRequestMethod();
      path = exchange.getRequestURI().getPath();
      rawQuery = exchange.getRequestURI().getRawQuery();
      params = QueryParams.parse(rawQuery);
      dataRequest = path.equals("/api/prod/datagetter");
      endpoint =
          dataRequest ? "datagetter" : path.startsWith(MetadataService.PREFIX) ? "mdapi" : "other";
      client = clientOf(exchange);
      readOnly = "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
      fault = readOnly ? faults.next(client, wallStart) : FaultKind.NONE;
    }

    /** Records status ({@code 0}: no response) and rows delivered whole; later calls do nothing. */
    void commit(int status, int rows) {
      if (committed) {
        return;
      }
      committed = true;
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.record(
          endpoint,
          params.get("station"),
          dataRequest ? params.get("product") : null,
          status,
          fault.name(),
          rows,
          took);
      log.add(
          new RequestLogEntry(
              sequence.incrementAndGet(),
              wallStart.toString(),
              simNow.toString(),
              method,
              path,
              rawQuery,
              client,
              params.get("application"),
              params.get("station"),
              params.get("product"),
              params.get("begin_date"),
              params.get("end_date"),
              params.get("range"),
              params.get("date"),
              call.begin() == null ? null : call.begin().toString(),
              call.end() == null ? null : call.end().toString(),
              status,
              fault.name(),
              rows,
              took.toMillis()));
    }
  }

  /**
   * Responses that replace the normal answer entirely; null when the fault needs the normal answer.
   */
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

  /**
   * Announces the full Content-Length, sends half the body, then throws: the JDK server closes a
   * connection whose handler throws, so the client sees the body end early.
   */
  private static void sendHalfAndAbort(HttpExchange exchange, SimResponse response)
      throws IOException {
    writeHeaders(exchange, response, response.body().length);
    OutputStream out = exchange.getResponseBody();
    out.write(response.body(), 0, response.body().length / 2);
    out.flush();
    throw new IOException(
        "PARTIAL_BODY fault: connection closed after "
            + response.body().length / 2
            + " of "
            + response.body().length
            + " bytes");
  }

  /**
   * Sends the whole answer (the announced Content-Length, every byte, no {@code Connection:
   * close}), then throws instead of finishing the exchange: the JDK server closes a connection
   * whose handler throws, so the client holds a complete answer on a connection that is already
   * closed, as behind a server or proxy that closes each connection right after answering. The JDK
   * server exposes no socket, so this relies on that behaviour (as {@code PARTIAL_BODY} does;
   * {@code FaultInjectionOverHttpTest} checks it on the JDK in use) rather than on a socket-level
   * front that would sit in the path of every request.
   */
  private static void sendWholeAndClose(HttpExchange exchange, SimResponse response)
      throws IOException {
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    byte[] body = response.body();
    writeHeaders(exchange, response, head || body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    if (!head) {
      out.write(body);
    }
    out.flush();
    throw new IOException("CLOSE_AFTER_ANSWER fault: connection closed after the answer");
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

  private static void writeHeaders(HttpExchange exchange, SimResponse response, long length)
      throws IOException {
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
