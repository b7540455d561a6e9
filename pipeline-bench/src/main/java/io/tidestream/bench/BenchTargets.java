package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What every round writes through and cleans up after, over REST only: the index {@code
 * BenchCommand.INDEX} on the engine and the sink connectors on the worker. Remembers whether a task
 * failed.
 */
final class BenchTargets {

  private final JsonHttp http;
  private final String engineUrl;
  private final ConnectRestClient connect;
  private final PrintStream console;
  private boolean taskFailed;

  BenchTargets(JsonHttp http, String engineUrl, ConnectRestClient connect, PrintStream console) {
    this.http = http;
    this.engineUrl = engineUrl;
    this.connect = connect;
    this.console = console;
  }

  ConnectRestClient connect() {
    return connect;
  }

  /** True when a connector or task of this run failed. */
  boolean taskFailed() {
    return taskFailed;
  }

  /** False (and remembered) when the connector or a task failed; its trace goes to the console. */
  boolean healthy(String name) {
    JsonNode status = connect.status(name);
    if (status == null) {
      return true; // not started yet
    }
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        taskFailed = true;
        console.println(
            "Task "
                + task.path("id").asText()
                + " of "
                + name
                + " FAILED: "
                + task.path("trace").asText());
        return false;
      }
    }
    return !"FAILED".equals(status.path("connector").path("state").asText());
  }

  void deleteIndex() {
    JsonHttp.Response r = http.delete(engineUrl + "/" + BenchCommand.INDEX);
    if (!r.ok() && r.status() != 404) {
      throw new BenchException(
          "Cannot delete index " + BenchCommand.INDEX + " (HTTP " + r.status() + "): " + r.body());
    }
  }

  /** Deletes a connector and waits until it is gone, so its tasks no longer write. */
  void deleteConnector(String name) {
    connect.delete(name);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (connect.status(name) != null) {
      if (System.nanoTime() > deadline) {
        throw new BenchException(
            "Connector " + name + " was still there 60 s after it was deleted");
      }
      IndexingWatch.sleep(Duration.ofMillis(200));
    }
  }
}
