package io.tidestream.sim.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.DataGenerator;
import io.tidestream.sim.data.DataQuery;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.faults.FaultInjector;
import io.tidestream.sim.faults.FaultSettings;
import io.tidestream.sim.metrics.RequestLog;
import io.tidestream.sim.metrics.SimulatorMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/...}: health, faults, counters, request log, clock, and expected rows. Never
 * subject to faults and never counted. Bad input answers 400 with {@code {"message": ...}}.
 */
public final class AdminHandler implements HttpHandler {

  private final FaultInjector faults;
  private final SimulatorMetrics metrics;
  private final RequestLog log;
  private final SimulatorClock clock;
  private final DataGetterService dataGetter;
  private final DataGenerator generator;
  private final ObjectMapper mapper;

  public AdminHandler(
      FaultInjector faults,
      SimulatorMetrics metrics,
      RequestLog log,
      SimulatorClock clock,
      DataGetterService dataGetter,
      DataGenerator generator,
      ObjectMapper mapper) {
    this.faults = faults;
    this.metrics = metrics;
    this.log = log;
    this.clock = clock;
    this.dataGetter = dataGetter;
    this.generator = generator;
    this.mapper = mapper;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    SimResponse response;
    try {
      response = route(method, path, params, exchange.getRequestBody());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      response = json(400, Map.of("message", String.valueOf(e.getMessage())));
    }
    ApiHandler.send(exchange, response);
  }

  private SimResponse route(String method, String path, QueryParams params, InputStream body)
      throws IOException {
    String route =
        method
            + " "
            + (path.endsWith("/") && path.length() > 7
                ? path.substring(0, path.length() - 1)
                : path);
    switch (route) {
      case "GET /admin/health":
        return SimResponse.text(200, "text/plain;charset=UTF-8", "ok");
      case "GET /admin/faults":
        return json(200, faults.describe());
      case "POST /admin/faults":
      case "PUT /admin/faults":
        {
          byte[] bytes = body.readAllBytes();
          FaultSettings settings = bytes.length == 0 ? FaultSettings.none() : readSettings(bytes);
          faults.apply(settings);
          return json(200, faults.describe());
        }
      case "DELETE /admin/faults":
        faults.clear();
        return json(200, faults.describe());
      case "DELETE /admin/bans":
        faults.clearBans();
        return json(200, faults.describe());
      case "GET /admin/counters":
        return json(200, metrics.snapshot());
      case "DELETE /admin/counters":
        metrics.reset();
        return json(200, metrics.snapshot());
      case "GET /admin/requests":
        {
          String limit = params.get("limit");
          return json(200, limit == null ? log.entries() : log.last(parsePositive(limit, "limit")));
        }
      case "DELETE /admin/requests":
        log.clear();
        return json(200, List.of());
      case "POST /admin/reset":
        metrics.reset();
        log.clear();
        faults.clear();
        return json(200, Map.of("reset", true));
      case "GET /admin/clock":
        return json(200, describeClock());
      case "POST /admin/clock":
        changeClock(params);
        return json(200, describeClock());
      case "GET /admin/expected":
        return expected(params);
      default:
        return json(
            404,
            Map.of("message", "no admin endpoint " + route + "; see noaa-simulator/README.md"));
    }
  }

  private FaultSettings readSettings(byte[] bytes) {
    try {
      return mapper.readValue(bytes, FaultSettings.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read fault settings: " + e.getMessage(), e);
    }
  }

  private void changeClock(QueryParams params) {
    if (params.has("pin")) {
      clock.pin(Instant.parse(params.get("pin")));
    }
    if (params.has("advance")) {
      String advance = params.get("advance");
      clock.advance(
          advance.startsWith("P") || advance.startsWith("-P")
              ? Duration.parse(advance)
              : Duration.ofSeconds(Long.parseLong(advance)));
    }
    if (params.has("speed")) {
      clock.setSpeed(Double.parseDouble(params.get("speed")));
    }
    if ("true".equalsIgnoreCase(params.get("release"))) {
      clock.release();
    }
  }

  private Map<String, Object> describeClock() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("now", clock.now().toString());
    out.put("dataNow", clock.dataNow().toString());
    out.put("speed", clock.speed());
    out.put("pinned", clock.isPinned());
    return out;
  }

  /** The rows a datagetter request with these parameters would return without faults. */
  private SimResponse expected(QueryParams params) {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      DataQuery query = dataGetter.parse(params);
      List<Map<String, String>> rows = generator.rows(query, clock.dataNow());
      out.put("begin", query.begin().toString());
      out.put("end", query.end().toString());
      out.put("count", rows.size());
      out.put(
          "gaps",
          rows.stream().filter(r -> r.values().stream().skip(1).anyMatch(String::isEmpty)).count());
      out.put("first", rows.get(0).get("t"));
      out.put("last", rows.get(rows.size() - 1).get("t"));
    } catch (NoaaApiException e) {
      out.put("count", 0);
      out.put("error", e.getMessage());
    }
    return json(200, out);
  }

  private static int parsePositive(String value, String name) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer, was '" + value + "'");
  }

  private SimResponse json(int status, Object value) {
    try {
      return SimResponse.json(status, mapper.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise admin response", e);
    }
  }
}
