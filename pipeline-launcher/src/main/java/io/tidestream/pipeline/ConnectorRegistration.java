package io.tidestream.pipeline;

import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * Puts the connectors of {@code config/*.json} on a running Connect cluster: creates the sink's
 * topics, registers each connector through one worker's REST API (both idempotent), then waits
 * (bounded) until every connector task runs.
 */
final class ConnectorRegistration {

  /**
   * How long {@code up} waits for the connectors' tasks to run before it prints where things are.
   */
  static final Duration CONNECTORS_RUNNING = Duration.ofSeconds(120);

  private final PrintStream out;

  ConnectorRegistration(PrintStream out) {
    this.out = out;
  }

  /**
   * Registers the connectors of {@code configDir}, their NOAA address pointed at {@code simUrl}
   * (null: live NOAA) and their engine address at {@code engineUrl}.
   */
  void registerAll(
      Path configDir,
      String simUrl,
      String engineUrl,
      KafkaBroker kafka,
      int partitions,
      ConnectWorker worker) {
    List<ConnectorFiles.Connector> connectors = ConnectorFiles.load(configDir, simUrl, engineUrl);
    Set<String> topics = new LinkedHashSet<>();
    connectors.forEach(c -> topics.addAll(c.topicsToCreate()));
    try (Admin admin = kafka.admin()) {
      Topics.create(admin, topics, partitions);
    }
    for (ConnectorFiles.Connector c : connectors) {
      out.println(
          "Registering connector " + c.name() + " (" + c.config().get("connector.class") + ")");
      worker.rest().putConnector(c.name(), c.config());
    }
    awaitConnectors(worker.url(), connectors.stream().map(ConnectorFiles.Connector::name).toList());
  }

  /**
   * Waits (bounded) until every connector and each of its tasks runs, so the progress line that
   * follows shows them all; a connector that does not get there is shown as it is.
   */
  private void awaitConnectors(String connectUrl, List<String> names) {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + CONNECTORS_RUNNING.toNanos();
    while (!Progress.allRunning(connectUrl, http, names)) {
      if (System.nanoTime() > deadline) {
        out.println(
            "Note: not every connector task runs yet after "
                + CONNECTORS_RUNNING.toSeconds()
                + " s; see ./pipeline status and ./pipeline logs connect-1.");
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
