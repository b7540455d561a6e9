package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine REST calls remap makes (Elasticsearch 7.10+/8/9 and OpenSearch 2/3 answer them alike).
 * Credentials travel in the {@code Authorization} header only; no message names them.
 */
public final class EngineApi {

  /** The index that holds one remap state document per connector base name. */
  public static final String STATE_INDEX = "remap-tidestream";

  private final String url;
  private final JsonHttp http;

  public EngineApi(String url, String user, char[] password) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    Map<String, String> headers =
        user == null || user.isEmpty()
            ? Map.of()
            : Map.of(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (user + ":" + new String(password == null ? new char[0] : password))
                                .getBytes(StandardCharsets.UTF_8)));
    this.http = new JsonHttp(Duration.ofMinutes(2), headers);
  }

  public String url() {
    return url;
  }

  /** The indices {@code alias} points at; empty when there is no such alias. */
  public List<String> aliasIndices(String alias) {
    JsonHttp.Response r = call("GET", "/_alias/" + enc(alias), null);
    List<String> indices = new ArrayList<>();
    if (r.status() == 404) {
      return indices;
    }
    ok(r, "read the alias " + alias).json().fieldNames().forEachRemaining(indices::add);
    indices.sort(null);
    return indices;
  }

  /** Whether a concrete index (not an alias) of this exact name exists. */
  public boolean indexExists(String name) {
    JsonHttp.Response r = call("GET", "/_resolve/index/" + enc(name), null);
    if (r.status() == 404) {
      return false;
    }
    for (JsonNode i : ok(r, "look up " + name).json().path("indices")) {
      if (i.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Documents in {@code index} after a refresh. */
  public long count(String index) {
    ok(call("POST", "/" + indices(index) + "/_refresh", ""), "refresh " + index);
    return ok(call("GET", "/" + indices(index) + "/_count", null), "count " + index)
        .json()
        .path("count")
        .asLong();
  }

  /** Up to {@code size} ids of {@code index}, picked at random. */
  public List<String> sampleIds(String index, int size) {
    List<String> ids = new ArrayList<>();
    sample(index, size, false).forEach(h -> ids.add(h.path("_id").asText()));
    return ids;
  }

  /** Up to {@code size} documents of {@code index} with id and source, picked at random. */
  public JsonNode sample(String index, int size, boolean source) {
    String body =
        "{\"size\":"
            + size
            + ",\"_source\":"
            + source
            + ",\"query\":{\"function_score\":{\"query\":{\"match_all\":{}},"
            + "\"random_score\":{}}}}";
    return ok(call("POST", "/" + indices(index) + "/_search", body), "sample " + index)
        .json()
        .path("hits")
        .path("hits");
  }

  /** The ids among {@code ids} that {@code index} does not hold. */
  public List<String> missing(String index, List<String> ids) {
    List<String> missing = new ArrayList<>();
    if (ids.isEmpty()) {
      return missing;
    }
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("ids");
    ids.forEach(list::add);
    JsonNode docs =
        ok(call("POST", "/" + enc(index) + "/_mget", body.toString()), "look up ids in " + index)
            .json()
            .path("docs");
    for (JsonNode d : docs) {
      if (!d.path("found").asBoolean(false)) {
        missing.add(d.path("_id").asText());
      }
    }
    return missing;
  }

  /** What an index named {@code index} would get from {@code template}: settings and mappings. */
  public JsonNode simulate(ObjectNode template) {
    JsonHttp.Response r = call("POST", "/_index_template/_simulate", template.toString());
    if (r.status() == 400) {
      throw new LauncherException(
          "The engine rejects the new template: " + reason(r) + "; fix the --template file");
    }
    return ok(r, "simulate the new template").json().path("template");
  }

  public void createIndex(String name, ObjectNode body) {
    JsonHttp.Response r = call("PUT", "/" + enc(name), body.toString());
    if (r.status() == 400) {
      throw new LauncherException(
          "The engine rejects an index with the new template's settings and mappings: "
              + reason(r)
              + "; fix the --template file");
    }
    ok(r, "create " + name);
  }

  /** Whether the composable index template {@code name} is installed. */
  public boolean templateExists(String name) {
    JsonHttp.Response r = call("GET", "/_index_template/" + enc(name), null);
    if (r.status() == 404) {
      return false;
    }
    ok(r, "read the index template " + name);
    return true;
  }

  /** Creates {@code name} with what the templates give it, unless it exists. */
  public void createIndexIfMissing(String name) {
    JsonHttp.Response r = call("PUT", "/" + enc(name), "{}");
    if (!r.ok() && !r.body().contains("resource_already_exists")) {
      ok(r, "create " + name);
    }
  }

  /**
   * Starts copying every document of {@code from} that {@code to} lacks ({@code op_type: create}:
   * what the new connector already wrote is kept) as a background task; returns its id, or empty
   * when the engine has no {@code _reindex} (the {@code integ-test-zip} distributions lack the
   * module).
   */
  public Optional<String> startReindex(String from, String to) {
    String body =
        "{\"conflicts\":\"proceed\",\"source\":{\"index\":\""
            + from
            + "\"},\"dest\":{\"index\":\""
            + to
            + "\",\"op_type\":\"create\"}}";
    JsonHttp.Response r = call("POST", "/_reindex?wait_for_completion=false&refresh=true", body);
    if (!r.ok() && noReindex(r)) {
      return Optional.empty();
    }
    return Optional.of(
        ok(r, "start _reindex from " + from + " to " + to).json().path("task").asText());
  }

  /** Whether an answer says the engine has no {@code _reindex} endpoint. */
  static boolean noReindex(JsonHttp.Response r) {
    // without the module, POST /_reindex reads as a request on an index named "_reindex": 405
    // ("Incorrect HTTP method ... allowed: [DELETE, GET, HEAD, PUT]") on OpenSearch 2
    return r.status() == 405
        || ((r.status() == 400 || r.status() == 404)
            && (r.body().contains("no handler found")
                || r.body().contains("invalid_index_name_exception")));
  }

  /** The first page of a scroll over {@code index}: {@code _scroll_id} and {@code hits}. */
  public JsonNode scrollStart(String index, int size) {
    return ok(
            call(
                "POST",
                "/" + indices(index) + "/_search?scroll=5m",
                "{\"size\":" + size + ",\"sort\":[\"_doc\"],\"track_total_hits\":true}"),
            "read " + index)
        .json();
  }

  public JsonNode scrollNext(String scrollId) {
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    body.put("scroll", "5m");
    body.put("scroll_id", scrollId);
    return ok(call("POST", "/_search/scroll", body.toString()), "read on (scroll)").json();
  }

  /** Frees a scroll early; best effort (a scroll also expires by itself). */
  public void clearScroll(String scrollId) {
    try {
      call("DELETE", "/_search/scroll/" + enc(scrollId), null);
    } catch (LauncherException e) {
      // expires anyway
    }
  }

  /** {@code GET /_tasks/<id>}, or null when the engine no longer knows the task. */
  public JsonNode task(String id) {
    JsonHttp.Response r = call("GET", "/_tasks/" + enc(id), null);
    return r.status() == 404 ? null : ok(r, "read the task " + id).json();
  }

  /** {@code POST /_bulk?refresh=true}: the answer. */
  public JsonNode bulk(String ndjson) {
    return ok(call("POST", "/_bulk?refresh=true", ndjson, "application/x-ndjson"), "bulk-index")
        .json();
  }

  /** {@code POST /_bulk} without a refresh: the answer. */
  public JsonNode bulkNoRefresh(String ndjson) {
    return ok(call("POST", "/_bulk", ndjson, "application/x-ndjson"), "bulk-index").json();
  }

  public void deleteIndex(String name) {
    JsonHttp.Response r = call("DELETE", "/" + enc(name), null);
    if (r.status() != 404) {
      ok(r, "delete the index " + name);
    }
  }

  public void deleteTemplate(String name) {
    JsonHttp.Response r = call("DELETE", "/_index_template/" + enc(name), null);
    if (r.status() != 404) {
      ok(r, "delete the index template " + name);
    }
  }

  /** One atomic {@code POST /_aliases}. */
  public void aliases(ObjectNode body) {
    ok(call("POST", "/_aliases", body.toString()), "move the read alias");
  }

  /** The mappings of the indices behind {@code name}, by index. */
  public JsonNode mapping(String name) {
    return ok(call("GET", "/" + enc(name) + "/_mapping", null), "read the mapping of " + name)
        .json();
  }

  /** The remap state document of {@code id}, if any. */
  public Optional<JsonNode> state(String id) {
    JsonHttp.Response r = call("GET", "/" + STATE_INDEX + "/_doc/" + enc(id), null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    JsonNode doc = ok(r, "read the remap state").json();
    return doc.path("found").asBoolean(false) ? Optional.of(doc.path("_source")) : Optional.empty();
  }

  public void putState(String id, JsonNode state) {
    JsonHttp.Response r =
        call("PUT", "/" + STATE_INDEX + "/_doc/" + enc(id) + "?refresh=true", state.toString());
    if (r.status() == 404 || (r.status() == 400 && r.body().contains("index_not_found"))) {
      createStateIndex();
      r = call("PUT", "/" + STATE_INDEX + "/_doc/" + enc(id) + "?refresh=true", state.toString());
    }
    ok(r, "write the remap state");
  }

  public void deleteState(String id) {
    JsonHttp.Response r =
        call("DELETE", "/" + STATE_INDEX + "/_doc/" + enc(id) + "?refresh=true", null);
    if (r.status() != 404) {
      ok(r, "delete the remap state");
    }
  }

  private void createStateIndex() {
    JsonHttp.Response r =
        call(
            "PUT",
            "/" + STATE_INDEX,
            "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                + "\"mappings\":{\"dynamic\":false}}");
    if (!r.ok() && !r.body().contains("resource_already_exists")) {
      ok(r, "create the index " + STATE_INDEX);
    }
  }

  private JsonHttp.Response call(String method, String path, String body) {
    return call(method, path, body, "application/json");
  }

  private JsonHttp.Response call(String method, String path, String body, String contentType) {
    try {
      return switch (method) {
        case "GET" -> http.get(url + path);
        case "DELETE" -> http.delete(url + path);
        case "PUT" -> http.put(url + path, body);
        default -> http.post(url + path, body, contentType);
      };
    } catch (UncheckedIOException e) {
      throw new LauncherException(
          "Cannot reach the engine at "
              + url
              + " ("
              + e.getCause()
              + "); is it running? Pass its address with --engine-url",
          e);
    }
  }

  private JsonHttp.Response ok(JsonHttp.Response r, String what) {
    if (r.status() == 401) {
      throw new LauncherException(
          "The engine at "
              + url
              + " refused the credentials (HTTP 401) while trying to "
              + what
              + "; pass --engine-user and the password in TIDESTREAM_ENGINE_PASSWORD or"
              + " --engine-password-file");
    }
    if (!r.ok()) {
      throw new LauncherException(
          "The engine refused to " + what + " (HTTP " + r.status() + "): " + reason(r));
    }
    return r;
  }

  /** The engine's own error type and reason, or the body. */
  static String reason(JsonHttp.Response r) {
    try {
      JsonNode e = r.json().path("error");
      if (e.isObject()) {
        String top = e.path("type").asText() + ": " + e.path("reason").asText();
        JsonNode inner = e;
        while (inner.path("caused_by").isObject()) {
          inner = inner.path("caused_by");
        }
        return inner == e
            ? top
            : top + " (" + inner.path("type").asText() + ": " + inner.path("reason").asText() + ")";
      }
    } catch (RuntimeException notJson) {
      // fall through to the body
    }
    String b = r.body();
    return b.length() > 300 ? b.substring(0, 300) + "…" : b;
  }

  /**
   * {@code index} in a URL path: several comma-separated names (one per topic) stay a list, each
   * name encoded.
   */
  private static String indices(String index) {
    return java.util.Arrays.stream(index.split(","))
        .map(EngineApi::enc)
        .collect(java.util.stream.Collectors.joining(","));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
