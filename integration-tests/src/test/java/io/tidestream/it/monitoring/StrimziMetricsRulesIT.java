package io.tidestream.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidestream.it.harness.ConnectCluster;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.sim.NoaaSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JMX exporter rules that deploy/strimzi gives the Connect pods (the ConfigMap of {@code
 * 02-connect-metrics.yaml}, extracted to a file as Strimzi mounts it) on a real Connect worker
 * running the NOAA source against the simulator: the series of Strimzi's standard rules and our
 * plugin metrics are both on {@code /metrics}. The worker is a cluster of its own (one worker, its
 * own group and topics on the shared Kafka), so the shared cluster's tasks do not move.
 */
@ExtendWith(StackExtension.class)
class StrimziMetricsRulesIT {

  static final Path CONFIG_MAP = Path.of("deploy/strimzi/02-connect-metrics.yaml");
  static final String RULES_KEY = "metrics-config.yml";

  @Test
  void strimzisStandardSeriesAndOurPluginMetricsAreBothExported(TestStack stack) throws Exception {
    JsonNode configMap =
        new YAMLMapper().readTree(stack.home().root().resolve(CONFIG_MAP).toFile());
    String rulesYaml = configMap.path("data").path(RULES_KEY).asText();
    assertThat(rulesYaml).as(CONFIG_MAP + " data." + RULES_KEY).contains("rules:");
    Path dir = stack.serverDir("strimzi-rules");
    Files.createDirectories(dir);
    Path rules = Files.writeString(dir.resolve(RULES_KEY), rulesYaml);

    String source = stack.uniqueName("strimzi") + "-source";
    String start =
        Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).toString();
    ConnectCluster connect = stack.connectOfItsOwn(stack.uniqueName("strimzi-connect"), rules);
    try (NoaaSimulator simulator = NoaaSimulator.builder().port(0).seed(16).start()) {
      connect.startConnector(
          source,
          Connectors.source(
              simulator.baseUrl(), source + ".${product}", "8724580", "water_level", start),
          1);
      JsonHttp http = new JsonHttp(Duration.ofSeconds(20));
      String url = "http://" + connect.exporterTargets().get(0) + "/metrics";
      String c = "{connector=\"" + source + "\"";
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                String metrics = http.get(url).body();
                // the last scrape stays beside the worker's log, to read when this fails
                Files.writeString(dir.resolve("metrics.txt"), metrics);
                assertThat(metrics)
                    // Strimzi's standard series (the names its Grafana dashboard reads)
                    .contains("kafka_connect_worker_connector_count 1.0")
                    .contains("kafka_connect_worker_task_count 1.0")
                    .contains(
                        "kafka_connect_connector_status{connector=\""
                            + source
                            + "\",status=\"running\"} 1.0")
                    .contains(
                        "kafka_connect_connector_task_status{connector=\""
                            + source
                            + "\",status=\"running\",task=\"0\"} 1.0")
                    .contains("kafka_connect_source_task_source_record_poll_total" + c)
                    .contains("kafka_connect_connector_task_batch_size_avg" + c)
                    .contains("kafka_connect_coordinator_assigned_tasks")
                    .contains("kafka_connect_worker_rebalance_completed_rebalances_total")
                    .contains("kafka_producer_topic_record_send_total{clientid=")
                    // our plugin metrics, with their tags as labels
                    .contains("# TYPE kafka_connect_plugins_requests_total counter")
                    .contains(
                        "kafka_connect_plugins_requests_total" + c + ",outcome=\"ok\",task=\"0\"}")
                    .contains(
                        "kafka_connect_plugins_freshness_ms"
                            + c
                            + ",task=\"0\",unit=\"8724580-water_level-MLLW\"}")
                    .contains("kafka_connect_plugins_breaker_open" + c + ",task=\"0\"} 0.0");
              });
    } finally {
      connect.stop();
    }
  }
}
