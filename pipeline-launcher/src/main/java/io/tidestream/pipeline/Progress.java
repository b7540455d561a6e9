package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The one-line summary of a running pipeline that {@code up} and {@code status} print. */
final class Progress {
  private Progress() {}

  static String line(JsonNode stack, JsonHttp http) {
    List<String> parts = new ArrayList<>();
    // offsets, not a read: cheap every 2 s; with exactly-once, transaction markers count too
    parts.add("records " + records(stack.path("kafka").asText()));
    parts.add("documents " + documents(stack.path("engineUrl").asText(), http));
    parts.add(connectors(stack.path("connect").path(0).asText(), http));
    return String.join(" | ", parts);
  }

  private static String records(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(p)) {
      return String.format("%,d", Topics.records(admin));
    } catch (Exception e) {
      return "? (Kafka not answering)";
    }
  }

  private static String documents(String engineUrl, JsonHttp http) {
    try {
      JsonHttp.Response r = http.get(engineUrl + "/_count");
      return r.ok() ? String.format("%,d", r.json().path("count").asLong()) : "? (HTTP " + r.status() + ")";
    } catch (RuntimeException e) {
      return "? (engine not answering)";
    }
  }

  private static String connectors(String connectUrl, JsonHttp http) {
    try {
      JsonNode all = http.get(connectUrl + "/connectors?expand=status").json();
      List<String> states = new ArrayList<>();
      all.properties().forEach(e -> {
        JsonNode status = e.getValue().path("status");
        JsonNode tasks = status.path("tasks");
        long running = 0;
        for (JsonNode t : tasks) {
          if ("RUNNING".equals(t.path("state").asText())) {
            running++;
          }
        }
        states.add(e.getKey() + " " + status.path("connector").path("state").asText("?") + " (" + running + "/"
            + tasks.size() + " tasks running)");
      });
      return states.isEmpty() ? "no connectors" : String.join(" | ", states);
    } catch (RuntimeException e) {
      return "connectors ? (Connect not answering)";
    }
  }
}
