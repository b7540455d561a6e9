package io.tidestream.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** 404 for every path outside the simulated APIs, the admin endpoints and {@code /metrics}. */
public final class NotFoundHandler implements HttpHandler {

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ApiHandler.send(exchange, SimResponse.json(404, "{\"message\":\"Not Found\"}"));
  }
}
