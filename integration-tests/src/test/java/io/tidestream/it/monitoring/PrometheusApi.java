package io.tidestream.it.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few Prometheus HTTP API calls the monitoring tests make. */
final class PrometheusApi {

  private final String url;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(20));

  PrometheusApi(String url) {
    this.url = url;
  }

  /** An instant query; fails on anything but {@code status: success} (a bad expression, say). */
  JsonNode query(String promql) {
    JsonHttp.Response r =
        http.get(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = r.json();
    if (!"success".equals(body.path("status").asText())) {
      throw new AssertionError(
          "Prometheus refused " + promql + ": " + body.path("error").asText(r.body()));
    }
    return body.path("data").path("result");
  }

  /** Values of a label on the series that {@code match} selects (Grafana's label_values). */
  List<String> labelValues(String label, String match) {
    JsonNode body =
        http.get(
                url
                    + "/api/v1/label/"
                    + label
                    + "/values?match[]="
                    + URLEncoder.encode(match, StandardCharsets.UTF_8))
            .json();
    List<String> values = new ArrayList<>();
    body.path("data").forEach(v -> values.add(v.asText()));
    return values;
  }

  /** Every rule group Prometheus loaded, with each rule's health and last error. */
  JsonNode ruleGroups() {
    return http.get(url + "/api/v1/rules").json().path("data").path("groups");
  }

  /** Pending and firing alerts. */
  JsonNode alerts() {
    return http.get(url + "/api/v1/alerts").json().path("data").path("alerts");
  }

  /** The scrape targets and their health. */
  JsonNode activeTargets() {
    return http.get(url + "/api/v1/targets").json().path("data").path("activeTargets");
  }
}
