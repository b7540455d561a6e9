package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
      return r.ok()
          ? String.format("%,d", r.json().path("count").asLong())
          : "? (HTTP " + r.status() + ")";
    } catch (RuntimeException e) {
      return "? (engine not answering)";
    }
  }

  /**
   * Every connector with a configuration, from {@code ?expand=info}, which also lists the tasks
   * Connect made for it; their states from {@code ?expand=status}, which leaves out a connector
   * whose status is not recorded yet (just registered) and lists only the tasks that reported.
   */
  private static String connectors(String connectUrl, JsonHttp http) {
    try {
      JsonHttp.Response info = http.get(connectUrl + "/connectors?expand=info");
      JsonHttp.Response status = http.get(connectUrl + "/connectors?expand=status");
      if (!info.ok() || !status.ok()) {
        return "connectors ? (Connect answered HTTP "
            + (info.ok() ? status.status() : info.status())
            + ")";
      }
      return connectors(info.json(), status.json());
    } catch (RuntimeException e) {
      return "connectors ? (Connect not answering)";
    }
  }

  /** One part per connector, sources first: {@code name STATE (running/total tasks running)}. */
  static String connectors(JsonNode info, JsonNode status) {
    List<String> names = new ArrayList<>();
    info.fieldNames().forEachRemaining(names::add);
    names.sort(
        Comparator.comparing(
                (String n) -> !"source".equals(info.path(n).path("info").path("type").asText()))
            .thenComparing(Comparator.naturalOrder()));
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      int total = info.path(name).path("info").path("tasks").size();
      JsonNode s = status.path(name).path("status");
      String state = s.path("connector").path("state").asText("STARTING");
      long running = 0;
      long failed = 0;
      for (JsonNode t : s.path("tasks")) {
        String taskState = t.path("state").asText();
        running += "RUNNING".equals(taskState) ? 1 : 0;
        failed += "FAILED".equals(taskState) ? 1 : 0;
      }
      String tasks =
          total == 0
              ? "no tasks yet"
              : running
                  + "/"
                  + total
                  + " tasks running"
                  + (failed > 0 ? ", " + failed + " FAILED" : "");
      parts.add(name + " " + state + " (" + tasks + ")");
    }
    return parts.isEmpty() ? "no connectors" : String.join(" | ", parts);
  }

  /** True when each of {@code names} runs with every task Connect made for it running. */
  static boolean allRunning(JsonNode info, JsonNode status, Collection<String> names) {
    for (String name : names) {
      int total = info.path(name).path("info").path("tasks").size();
      JsonNode s = status.path(name).path("status");
      if (total == 0 || !"RUNNING".equals(s.path("connector").path("state").asText())) {
        return false;
      }
      long running = 0;
      for (JsonNode t : s.path("tasks")) {
        running += "RUNNING".equals(t.path("state").asText()) ? 1 : 0;
      }
      if (running != total) {
        return false;
      }
    }
    return true;
  }

  /** {@link #allRunning} asked of a worker; false when it does not answer. */
  static boolean allRunning(String connectUrl, JsonHttp http, Collection<String> names) {
    try {
      JsonHttp.Response info = http.get(connectUrl + "/connectors?expand=info");
      JsonHttp.Response status = http.get(connectUrl + "/connectors?expand=status");
      return info.ok() && status.ok() && allRunning(info.json(), status.json(), names);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
