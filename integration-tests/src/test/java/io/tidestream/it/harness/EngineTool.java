package io.tidestream.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Reads back what reached an engine: counts and the full set of document ids. */
public final class EngineTool {

  private final String url;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(60));

  public EngineTool(String url) {
    this.url = url;
  }

  /** Documents in the index after a refresh, or -1 while the index or the engine is not there. */
  public long count(String index) {
    try {
      http.post(url + "/" + index + "/_refresh", "");
      JsonHttp.Response r = http.get(url + "/" + index + "/_count");
      return r.ok() ? r.json().path("count").asLong() : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Every document id in the index, read with the scroll API (all engine versions have it). */
  public Set<String> ids(String index) {
    Set<String> ids = new HashSet<>();
    JsonNode page =
        http.post(
                url + "/" + index + "/_search?scroll=1m",
                "{\"size\": 10000, \"_source\": false, \"sort\": [\"_doc\"]}")
            .json();
    while (true) {
      JsonNode hits = page.path("hits").path("hits");
      if (hits.isEmpty()) {
        break;
      }
      hits.forEach(h -> ids.add(h.path("_id").asText()));
      String scrollId = page.path("_scroll_id").asText();
      page =
          http.post(
                  url + "/_search/scroll",
                  "{\"scroll\": \"1m\", \"scroll_id\": \"" + scrollId + "\"}")
              .json();
    }
    return ids;
  }

  public JsonHttp.Response get(String path) {
    return http.get(url + path);
  }
}
