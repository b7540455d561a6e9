package io.tidestream.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.PrometheusBinary;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #11's outage, on the real stack with a live Prometheus loading the real {@code
 * prometheus/alerts.yml} (its real {@code for:} durations; only scrapes and evaluations are every 5
 * s): a producer keeps writing while the sink's engine is stopped. The engine-down alert fires
 * within 2 minutes, killing the worker that runs the sink task leaves it firing without a break for
 * 150 s, the lag alert (broker-side lag from the lag exporter) fires within 5 minutes of the stop,
 * with one lag series per partition, and the engine-down alert is seen firing at every look until
 * the engine is started again, as soon as all of that has been seen (about 4 minutes after the
 * stop). No task is ever FAILED, and after the engine is back every record is indexed exactly once
 * and both alerts clear. About 6 minutes: the outage is the point.
 */
@ExtendWith(StackExtension.class)
class EngineOutageAlertsIT {

  static final Duration INTERVAL = Duration.ofSeconds(5);

  /** The longest the engine stays stopped: the lag alert must have fired by then. */
  static final Duration OUTAGE_AT_MOST = Duration.ofMinutes(5);

  static final int PARTITIONS = 3;

  /** Records per second the producer writes: steady load, small enough for the shared machine. */
  static final int RATE = 50;

  static final String[] STATIONS = {"8724580", "8454000", "9497645", "9443090", "9447130"};

  @Test
  void anEngineOutageAlertsWithinTwoMinutesSurvivesAWorkerDeathAndLosesNothing(TestStack stack)
      throws Exception {
    SearchEngineNode engine =
        stack.dedicatedEngine(EngineKind.OPENSEARCH_2, "outage-alerts", List.of());
    String name = stack.uniqueName("outage-alerts");
    String topic = name + ".water_level";
    String index = name.toLowerCase() + "-tides";
    stack.kafkaTool().createTopic(topic, PARTITIONS);
    LagExporterProcess lagExporter =
        stack.lagExporter("lag-exporter-outage", "connect-" + Pattern.quote(name), INTERVAL);
    PrometheusServer prometheus = startPrometheus(stack, lagExporter);
    Producer producer = new Producer(stack.kafkaTool().bootstrapServers(), topic);
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    List<String> failures = new CopyOnWriteArrayList<>();
    try {
      PrometheusApi api = new PrometheusApi(prometheus.url());
      // one task, so the alert must bridge the gap while it moves: no other task holds it up
      Map<String, String> config = Connectors.sink(engine.url(), topic, index, topic + ".dlq");
      config.put("tasks.max", "1");
      config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
      stack.connect().startConnector(name, config, 1);
      watcher.scheduleWithFixedDelay(
          () -> recordFailures(stack, name, failures), 0, 2, TimeUnit.SECONDS);
      producer.start();
      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .alias("documents in " + index)
          .until(() -> docs.count(index) > 0);
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(INTERVAL)
          .alias("lag of " + name + " in Prometheus")
          .until(
              () ->
                  api.query("kafka_consumergroup_lag{connector=\"" + name + "\"}").size()
                      == PARTITIONS);
      assertThat(alertState(api, "SinkEngineDown", name))
          .as("engine-down alert before the outage")
          .isNull();

      Instant stopped = Instant.now();
      engine.stop();
      Instant fired = awaitFiring(api, "SinkEngineDown", name, stopped.plus(Duration.ofMinutes(2)));
      Duration toFire = Duration.between(stopped, fired);
      System.out.printf(
          "SinkEngineDown fired %d s after the engine was stopped%n", toFire.toSeconds());
      assertThat(toFire)
          .as("engine-down alert fires within 2 minutes")
          .isLessThanOrEqualTo(Duration.ofMinutes(2));
      String engineDownSince = firingSince(api, "SinkEngineDown", name);

      int worker = workerRunningTask(stack, name);
      Instant killed = Instant.now();
      stack.connect().kill(worker);
      // well past the rebalance: the worker group's session timeout,
      // scheduled.rebalance.max.delay.ms,
      // the sink group's consumer session timeout, and the moved task's first failed request
      while (Instant.now().isBefore(killed.plus(Duration.ofSeconds(150)))) {
        assertEngineDownFiring(api, name, "the worker running the task was killed", killed);
        Thread.sleep(INTERVAL.toMillis() / 2);
      }
      assertThat(workerRunningTask(stack, name))
          .as("the task runs on the other worker")
          .isNotEqualTo(worker);
      stack.connect().restart(worker);

      // the outage lasts until the lag alert has been seen too; engine-down is looked at between
      // its polls, and once more after the last one, so it is seen firing up to the restart
      Instant lagDeadline = stopped.plus(OUTAGE_AT_MOST);
      while (!"firing".equals(alertState(api, "SinkLagGrowing", name))) {
        if (Instant.now().isAfter(lagDeadline)) {
          throw new AssertionError(
              "SinkLagGrowing for "
                  + topic
                  + " did not fire during the outage; alerts: "
                  + api.alerts());
        }
        assertEngineDownFiring(api, name, "the engine was stopped", stopped);
        Thread.sleep(INTERVAL.toMillis() / 2);
      }
      System.out.printf(
          "SinkLagGrowing fired by %d s after the engine was stopped%n",
          Duration.between(stopped, Instant.now()).toSeconds());
      assertOneLagSeriesPerPartition(api, topic);
      assertEngineDownFiring(api, name, "the engine was stopped", stopped);
      // between looks too: Prometheus keeps an alert's activeAt only while it stays active
      assertThat(firingSince(api, "SinkEngineDown", name))
          .as("SinkEngineDown's activeAt at the restart: the same as when it fired, so no break")
          .isEqualTo(engineDownSince);

      engine = engine.restart().awaitReady(Duration.ofMinutes(4));
      EngineTool after = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .alias("indexing again")
          .until(() -> after.count(index) > producer.sentBefore(stopped));
      Set<String> ids = producer.stop();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .alias(ids.size() + " documents")
          .until(() -> after.count(index) >= ids.size());
      assertThat(after.count(index)).as("documents, each record once").isEqualTo(ids.size());
      assertThat(after.ids(index)).isEqualTo(ids);
      assertThat(stack.kafkaTool().count(topic)).isEqualTo(ids.size());

      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(INTERVAL)
          .alias("both alerts clear")
          .until(
              () ->
                  alertState(api, "SinkEngineDown", name) == null
                      && alertState(api, "SinkLagGrowing", name) == null);
      assertThat(stack.connect().awaitRunning(name, 1, Duration.ofSeconds(30))).isNotNull();
      assertThat(failures)
          .as("FAILED states seen while polling the connector's status every 2 s")
          .isEmpty();
      stack.connect().deleteConnector(name);
    } finally {
      watcher.shutdownNow();
      producer.stop();
      prometheus.stop();
      lagExporter.stop();
      engine.stop();
    }
  }

  private static PrometheusServer startPrometheus(TestStack stack, LagExporterProcess lagExporter)
      throws Exception {
    Path binary = PrometheusBinary.required();
    Path dir = stack.serverDir("prometheus-outage");
    Files.createDirectories(dir);
    int port = Ports.free();
    return PrometheusServer.start(
            new PrometheusServer.Settings(
                binary,
                dir,
                port,
                PrometheusServer.renderConfig(
                    new PrometheusServer.Targets(
                        stack.connect().exporterTargets(),
                        null,
                        lagExporter.target(),
                        List.of(stack.home().alertRules()),
                        INTERVAL),
                    port),
                false,
                stack.logFile("prometheus-outage"),
                stack.pidFile("prometheus-outage")))
        .awaitReady(Duration.ofSeconds(60));
  }

  /** Asserts that SinkEngineDown is firing for the connector, {@code since} naming the event. */
  private static void assertEngineDownFiring(
      PrometheusApi api, String connector, String event, Instant since) {
    assertThat(alertState(api, "SinkEngineDown", connector))
        .as(
            "SinkEngineDown %d s after %s",
            Duration.between(since, Instant.now()).toSeconds(), event)
        .isEqualTo("firing");
  }

  /** Polls until the alert fires for the connector; the instant it was first seen firing. */
  private static Instant awaitFiring(
      PrometheusApi api, String alert, String connector, Instant deadline)
      throws InterruptedException {
    while (Instant.now().isBefore(deadline.plusSeconds(30))) {
      if ("firing".equals(alertState(api, alert, connector))) {
        return Instant.now();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        alert + " for " + connector + " did not fire; alerts: " + api.alerts());
  }

  /** {@code pending}, {@code firing}, or null when the alert is not active for the connector. */
  static String alertState(PrometheusApi api, String alert, String connector) {
    String state = null;
    for (JsonNode a : api.alerts()) {
      if (a.path("labels").path("alertname").asText().equals(alert)
          && a.path("labels").path("connector").asText().equals(connector)) {
        if ("firing".equals(a.path("state").asText())) {
          return "firing";
        }
        state = a.path("state").asText();
      }
    }
    return state;
  }

  /** When the connector's firing alert became active (Prometheus' activeAt); null if not firing. */
  private static String firingSince(PrometheusApi api, String alert, String connector) {
    for (JsonNode a : api.alerts()) {
      if (a.path("labels").path("alertname").asText().equals(alert)
          && a.path("labels").path("connector").asText().equals(connector)
          && "firing".equals(a.path("state").asText())) {
        return a.path("activeAt").asText(null);
      }
    }
    return null;
  }

  private static void assertOneLagSeriesPerPartition(PrometheusApi api, String topic) {
    JsonNode perPartition =
        api.query(
            "count by (partition) ({__name__=~\".*lag.*\", topic=~\""
                + PrometheusMonitoringIT.promRegexLiteral(topic)
                    .replace("\\\\.water_level", "[._]water_level")
                + "\"})");
    assertThat(perPartition)
        .extracting(r -> r.path("metric").path("partition").asText())
        .containsExactlyInAnyOrder("0", "1", "2");
    assertThat(perPartition).extracting(r -> r.path("value").get(1).asText()).containsOnly("1");
  }

  /** Index (0-based) of the worker that runs task 0 of the connector, from its status. */
  private static int workerRunningTask(TestStack stack, String connector) {
    String workerId =
        stack.connect().rest().status(connector).path("tasks").get(0).path("worker_id").asText();
    List<ConnectWorker> workers = stack.connect().workers();
    for (int i = 0; i < workers.size(); i++) {
      if (workers.get(i).url().endsWith("//" + workerId)) {
        return i;
      }
    }
    throw new AssertionError("no worker is " + workerId);
  }

  /** Notes any FAILED connector or task state; a REST error during a rebalance is no state. */
  private static void recordFailures(TestStack stack, String connector, List<String> failures) {
    try {
      JsonNode status = stack.connect().rest().status(connector);
      if (status == null) {
        return;
      }
      if ("FAILED".equals(status.path("connector").path("state").asText())) {
        failures.add(
            Instant.now()
                + " connector FAILED: "
                + status.path("connector").path("trace").asText());
      }
      for (JsonNode t : status.path("tasks")) {
        if ("FAILED".equals(t.path("state").asText())) {
          failures.add(
              Instant.now()
                  + " task "
                  + t.path("id").asText()
                  + " FAILED: "
                  + t.path("trace").asText());
        }
      }
    } catch (RuntimeException duringRebalance) {
      // the worker asked is gone or the cluster is rebalancing: ask again in 2 s
    }
  }

  /**
   * Writes NOAA-shaped JSON at {@link #RATE} records per second and remembers the ids Kafka
   * acknowledged.
   */
  static final class Producer {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<Instant, Integer> sentAt = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private int next;

    Producer(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      this.producer = new KafkaProducer<>(p);
      this.topic = topic;
    }

    void start() {
      running.set(true);
      thread.scheduleAtFixedRate(this::sendSecond, 0, 1, TimeUnit.SECONDS);
    }

    private void sendSecond() {
      Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
      for (int k = 0; k < RATE && running.get(); k++, next++) {
        int s = next % STATIONS.length;
        String time = t0.plus(Duration.ofMinutes(6L * (next / STATIONS.length))).toString();
        String id = STATIONS[s] + "|water_level|" + time;
        String value =
            "{\"station_id\":\""
                + STATIONS[s]
                + "\",\"product\":\"water_level\",\"time\":\""
                + time
                + "\",\"value\":"
                + (next % 300) / 100.0
                + ",\"lat\":24.55,\"lon\":-81.81}";
        producer.send(
            new ProducerRecord<>(topic, STATIONS[s], value),
            (meta, e) -> {
              if (e != null) {
                error.compareAndSet(null, e);
              } else {
                acked.add(id);
              }
            });
      }
      sentAt.put(Instant.now(), next);
    }

    /** How many records had been sent before {@code t}. */
    int sentBefore(Instant t) {
      return sentAt.entrySet().stream()
          .filter(e -> e.getKey().isBefore(t))
          .mapToInt(Map.Entry::getValue)
          .max()
          .orElse(0);
    }

    /**
     * Stops writing, waits for every acknowledgement, and returns the ids Kafka has. Idempotent.
     */
    Set<String> stop() {
      running.set(false);
      if (closed.compareAndSet(false, true)) {
        thread.shutdown();
        try {
          thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
        assertThat(error.get()).as("producer errors").isNull();
        assertThat(acked).as("acknowledged records").hasSize(next);
      }
      return Set.copyOf(acked);
    }
  }
}
