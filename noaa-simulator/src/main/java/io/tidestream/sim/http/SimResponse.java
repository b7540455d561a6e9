package io.tidestream.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete response before it is written, so fault modes can delay, cut or replace it. */
public record SimResponse(
    int status, String contentType, Map<String, String> headers, byte[] body, int rows) {

  public static final String JSON_UTF8 = "application/json;charset=UTF-8";

  public static SimResponse json(int status, String body) {
    return new SimResponse(status, JSON_UTF8, Map.of(), body.getBytes(StandardCharsets.UTF_8), 0);
  }

  public static SimResponse text(int status, String contentType, String body) {
    return new SimResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8), 0);
  }

  public SimResponse withRows(int count) {
    return new SimResponse(status, contentType, headers, body, count);
  }

  public SimResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new SimResponse(status, contentType, h, body, rows);
  }
}
