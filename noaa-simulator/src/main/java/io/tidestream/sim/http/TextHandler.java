package io.tidestream.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Supplier;

/** Serves a fixed path with text from a supplier ({@code /metrics}); anything below it is 404. */
public final class TextHandler implements HttpHandler {

  private final String path;
  private final String contentType;
  private final Supplier<String> body;

  public TextHandler(String path, String contentType, Supplier<String> body) {
    this.path = path;
    this.contentType = contentType;
    this.body = body;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      ApiHandler.send(exchange, SimResponse.json(404, "{\"message\":\"Not Found\"}"));
      return;
    }
    ApiHandler.send(exchange, SimResponse.text(200, contentType, body.get()));
  }
}
