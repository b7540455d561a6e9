package io.tidestream.pipeline.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.JsonHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of the Kafka Connect REST API the launcher and the tests use. */
public final class ConnectRestClient {

  private final String baseUrl;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(90));

  public ConnectRestClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A plugin as {@code GET /connector-plugins} lists it. */
  public record Plugin(String className, String type, String version) {}

  /** True once the worker serves requests that need the cluster (joined the group). */
  boolean isReady() {
    return http.get(baseUrl + "/connectors").ok();
  }

  public List<Plugin> plugins() {
    JsonNode list =
        ok(http.get(baseUrl + "/connector-plugins?connectorsOnly=true"), "list plugins").json();
    List<Plugin> plugins = new ArrayList<>();
    list.forEach(
        p ->
            plugins.add(
                new Plugin(
                    p.path("class").asText(),
                    p.path("type").asText(),
                    p.path("version").asText())));
    return plugins;
  }

  /**
   * Creates the connector, or replaces its configuration ({@code PUT /connectors/{name}/config}).
   */
  public JsonNode putConnector(String name, Map<String, String> config) {
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    config.forEach(body::put);
    return ok(
            retrying(
                () -> http.put(baseUrl + "/connectors/" + enc(name) + "/config", body.toString())),
            "configure " + name)
        .json();
  }

  /** {@code PUT /connector-plugins/{class}/config/validate}: the validation result. */
  public JsonNode validate(String connectorClass, Map<String, String> config) {
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    config.forEach(body::put);
    return ok(
            http.put(
                baseUrl + "/connector-plugins/" + enc(connectorClass) + "/config/validate",
                body.toString()),
            "validate " + connectorClass)
        .json();
  }

  public List<String> connectors() {
    List<String> names = new ArrayList<>();
    ok(http.get(baseUrl + "/connectors"), "list connectors")
        .json()
        .forEach(n -> names.add(n.asText()));
    return names;
  }

  /** {@code GET /connectors/{name}/status}, or null when there is no such connector. */
  public JsonNode status(String name) {
    JsonHttp.Response r =
        retrying(() -> http.get(baseUrl + "/connectors/" + enc(name) + "/status"));
    return r.status() == 404 ? null : ok(r, "read the status of " + name).json();
  }

  /** {@code GET /connectors/{name}/config}, or null when there is no such connector. */
  public Map<String, String> config(String name) {
    JsonHttp.Response r =
        retrying(() -> http.get(baseUrl + "/connectors/" + enc(name) + "/config"));
    if (r.status() == 404) {
      return null;
    }
    Map<String, String> config = new java.util.TreeMap<>();
    ok(r, "read the configuration of " + name)
        .json()
        .properties()
        .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  /**
   * A sink connector's committed offsets ({@code GET /connectors/{name}/offsets}, Kafka 3.5+): the
   * next offset to read, by {@code topic-partition}; empty when it has committed none yet.
   */
  public Map<String, Long> sinkOffsets(String name) {
    Map<String, Long> offsets = new java.util.TreeMap<>();
    ok(
            retrying(() -> http.get(baseUrl + "/connectors/" + enc(name) + "/offsets")),
            "read the offsets of " + name)
        .json()
        .path("offsets")
        .forEach(
            o ->
                offsets.put(
                    o.path("partition").path("kafka_topic").asText()
                        + "-"
                        + o.path("partition").path("kafka_partition").asInt(),
                    o.path("offset").path("kafka_offset").asLong()));
    return offsets;
  }

  /** {@code PUT /connectors/{name}/stop} (Kafka 3.5+): no tasks, configuration kept. */
  public void stop(String name) {
    ok(
        retrying(() -> http.put(baseUrl + "/connectors/" + enc(name) + "/stop", "")),
        "stop " + name);
  }

  /**
   * {@code DELETE /connectors/{name}/offsets} (Kafka 3.6+ for sinks): forgets the committed offsets
   * of a stopped connector, so a connector of that name starts from the beginning again.
   */
  public void resetOffsets(String name) {
    ok(
        retrying(() -> http.delete(baseUrl + "/connectors/" + enc(name) + "/offsets")),
        "reset the offsets of " + name);
  }

  public void pause(String name) {
    ok(
        retrying(() -> http.put(baseUrl + "/connectors/" + enc(name) + "/pause", "")),
        "pause " + name);
  }

  public void resume(String name) {
    ok(
        retrying(() -> http.put(baseUrl + "/connectors/" + enc(name) + "/resume", "")),
        "resume " + name);
  }

  public void delete(String name) {
    JsonHttp.Response r = retrying(() -> http.delete(baseUrl + "/connectors/" + enc(name)));
    if (r.status() != 404) {
      ok(r, "delete " + name);
    }
  }

  /** Raw access for calls this class does not wrap. */
  public JsonHttp.Response get(String path) {
    return http.get(baseUrl + path);
  }

  public JsonHttp.Response put(String path, String json) {
    return http.put(baseUrl + path, json);
  }

  /**
   * Sends again, for up to a minute, while Connect answers that the cluster is rebalancing (409, or
   * 500 "rebalance is expected"): a worker says so for a moment after every configuration change.
   */
  private static JsonHttp.Response retrying(java.util.function.Supplier<JsonHttp.Response> call) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    JsonHttp.Response r = call.get();
    while (rebalancing(r) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
      r = call.get();
    }
    return r;
  }

  /** Whether Connect's answer only says that the cluster is rebalancing. */
  static boolean rebalancing(JsonHttp.Response r) {
    return r.status() == 409 || (r.status() == 500 && r.body().contains("rebalance"));
  }

  private static JsonHttp.Response ok(JsonHttp.Response r, String what) {
    if (!r.ok()) {
      throw new LauncherException(
          "Connect refused to " + what + " (HTTP " + r.status() + "): " + r.body());
    }
    return r;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
