package io.tidestream.it.harness;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.kafka.ConnectWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The distributed Connect cluster of the {@link TestStack}: its workers and REST helpers. */
public final class ConnectCluster {

  private final ConnectRuntime runtime;
  private final List<ConnectWorker> workers;
  private final List<Integer> exporterPorts;

  ConnectCluster(ConnectRuntime runtime, List<ConnectWorker> workers, List<Integer> exporterPorts) {
    this.runtime = runtime;
    this.workers = new ArrayList<>(workers);
    this.exporterPorts = List.copyOf(exporterPorts);
  }

  /** The Kafka version its workers run. */
  public ConnectRuntime runtime() {
    return runtime;
  }

  /** {@code host:port} of each worker's Prometheus JMX exporter, in worker order. */
  public List<String> exporterTargets() {
    return exporterPorts.stream().map(p -> "127.0.0.1:" + p).toList();
  }

  public List<ConnectWorker> workers() {
    return List.copyOf(workers);
  }

  /** REST client of the first live worker. */
  public ConnectRestClient rest() {
    return workers.stream()
        .filter(w -> w.process().isAlive())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no Connect worker is running"))
        .rest();
  }

  /** Kills worker {@code i} (0-based) with SIGKILL, as a crash would. */
  public void kill(int i) {
    workers.get(i).kill();
  }

  /** Starts worker {@code i} again after {@link #kill(int)}, and waits until it serves. */
  public void restart(int i) {
    workers.set(i, workers.get(i).restart().awaitReady(Duration.ofSeconds(180)));
  }

  /** Creates or reconfigures a connector and waits until it and {@code tasks} tasks run. */
  public JsonNode startConnector(String name, Map<String, String> config, int tasks) {
    rest().putConnector(name, config);
    return awaitRunning(name, tasks, Duration.ofSeconds(90));
  }

  public JsonNode awaitRunning(String name, int tasks, Duration timeout) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .alias(name + " RUNNING with " + tasks + " tasks")
        .until(
            () -> {
              last[0] = rest().status(name);
              return last[0] != null && isRunning(last[0], tasks);
            });
    return last[0];
  }

  static boolean isRunning(JsonNode status, int tasks) {
    if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
      return false;
    }
    int running = 0;
    for (JsonNode t : status.path("tasks")) {
      if (!"RUNNING".equals(t.path("state").asText())) {
        return false;
      }
      running++;
    }
    return running == tasks;
  }

  /** Stops every worker (for a cluster of a test's own, {@link TestStack#connectOfItsOwn}). */
  public void stop() {
    workers.forEach(ConnectWorker::stop);
  }

  public void deleteConnector(String name) {
    rest().delete(name);
  }
}
