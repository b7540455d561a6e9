package io.tidestream.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.PrometheusBinary;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.WorkerJmx;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.faults.FaultKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus (the Debian package) scraping the harness's two Connect workers through their
 * JMX exporter agents, and the simulator, while the NOAA source and the sink run against the
 * simulator and OpenSearch, and the lag exporter watching the sink's consumer group. The alert
 * rules are a copy of {@code prometheus/alerts.yml} with {@code for: 0s}, evaluated every 2 s, so
 * an alert fires as soon as its expression holds. The tests run in order: a healthy pipeline first,
 * then bad records.
 */
@ExtendWith(StackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusMonitoringIT {

  static final Duration SCRAPE = Duration.ofSeconds(2);

  static NoaaSimulator simulator;
  static PrometheusServer prometheus;
  static PrometheusApi api;
  static String source;
  static String sink;
  static String topic;
  static String index;
  static SearchEngineNode engine;
  static LagExporterProcess lagExporter;
  static final JsonHttp http = new JsonHttp(Duration.ofSeconds(20));

  @BeforeAll
  static void pipelineRunsAndPrometheusScrapesIt(TestStack stack) throws Exception {
    Path binary = PrometheusBinary.required();
    simulator = NoaaSimulator.builder().port(0).seed(11).start();
    engine = stack.engine(EngineKind.OPENSEARCH_2);
    String prefix = stack.uniqueName("mon");
    topic = prefix + ".water_level";
    index = prefix.toLowerCase(Locale.ROOT) + "-tides";
    source = prefix + "-source";
    sink = prefix + "-sink";
    // two hours back: no unit is ever older than the stale-data alert's three hours
    String start =
        Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS).toString();
    stack
        .connect()
        .startConnector(
            source,
            Connectors.source(
                simulator.baseUrl(),
                prefix + ".${product}",
                Connectors.TALK_STATIONS,
                "water_level",
                start),
            1);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> stack.kafkaTool().topicsStartingWith(prefix).contains(topic));
    Map<String, String> sinkConfig =
        Connectors.pipelineSink(engine.url(), topic, index, prefix + ".dlq");
    // an HTML page on the topic is dropped, not dead-lettered: the dropped-records metric needs one
    sinkConfig.put("filter.non.json.action", "drop");
    stack.connect().startConnector(sink, sinkConfig, 2);
    lagExporter =
        stack.lagExporter("lag-exporter-mon", "connect-" + Pattern.quote(prefix) + ".*", SCRAPE);

    Path dir = stack.serverDir("prometheus");
    Files.createDirectories(dir);
    Path rules = dir.resolve("alerts-for-0s.yml");
    Files.writeString(rules, immediateAlerts(Files.readString(stack.home().alertRules())));
    int port = Ports.free();
    String simTarget = URI.create(simulator.baseUrl()).getAuthority();
    prometheus =
        PrometheusServer.start(
                new PrometheusServer.Settings(
                    binary,
                    dir,
                    port,
                    PrometheusServer.renderConfig(
                        new PrometheusServer.Targets(
                            stack.connect().exporterTargets(),
                            simTarget,
                            lagExporter.target(),
                            List.of(rules),
                            SCRAPE),
                        port),
                    false,
                    stack.logFile("prometheus"),
                    stack.pidFile("prometheus")))
            .awaitReady(Duration.ofSeconds(60));
    api = new PrometheusApi(prometheus.url());

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .alias("documents in " + index)
        .until(() -> count() > 0);
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.stop();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (lagExporter != null) {
      lagExporter.stop();
    }
  }

  /** The shipped rules with every {@code for:} set to 0 s. */
  static String immediateAlerts(String rules) {
    return Pattern.compile("(?m)^(\\s+for:\\s*)\\S+\\s*$").matcher(rules).replaceAll("$10s");
  }

  @Test
  @Order(1)
  void pluginMetricsAreInJmxUnderThePluginsGroupAndOnTheExporters(TestStack stack)
      throws Exception {
    List<WorkerJmx.Bean> beans = new ArrayList<>();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              beans.clear();
              for (ConnectWorker w : stack.connect().workers()) {
                beans.addAll(
                    WorkerJmx.read(
                        w.process().pid(),
                        "kafka.connect:type=plugins,connector=" + sink + ",task=*",
                        "documents-indexed-total"));
              }
              assertThat(beans).as("one plugins bean per sink task").hasSize(2);
              assertThat(beans.stream().mapToDouble(WorkerJmx.Bean::value).sum()).isPositive();
            });

    String metrics =
        stack.connect().exporterTargets().stream()
            .map(t -> http.get("http://" + t + "/metrics").body())
            .collect(Collectors.joining("\n"));
    assertThat(metrics)
        .contains("# TYPE kafka_connect_plugins_documents_indexed_total counter")
        .contains("kafka_connect_plugins_documents_indexed_total{connector=\"" + sink + "\"")
        .contains("kafka_connect_plugins_bulk_request_latency_max{connector=\"" + sink + "\"")
        .contains("kafka_connect_plugins_record_ack_latency_p99{connector=\"" + sink + "\"")
        .contains("kafka_connect_plugins_buffered_bytes{connector=\"" + sink + "\"")
        .contains(
            "kafka_connect_connector_status{connector=\"" + source + "\",status=\"running\"} 1.0")
        .contains("kafka_connect_source_task_source_record_poll_rate{connector=\"" + source + "\"")
        .contains("kafka_connect_sink_task_sink_record_read_total{connector=\"" + sink + "\"")
        .contains(
            "kafka_consumer_fetch_manager_records_lag_max{client_id=\"connector-consumer-"
                + sink
                + "-")
        .contains(
            "kafka_connect_plugins_requests_total{connector=\""
                + source
                + "\",outcome=\"ok\",task=\"0\"}")
        .contains(
            "kafka_connect_plugins_freshness_ms{connector=\""
                + source
                + "\",task=\"0\",unit=\"8724580-water_level-MLLW\"}")
        .contains("kafka_connect_plugins_breaker_open{connector=\"" + source + "\",task=\"0\"} 0.0")
        .contains("jvm_memory_used_bytes{area=\"heap\"}");
  }

  @Test
  @Order(2)
  void everyAlertRuleIsValidAndNoneFiresOnAHealthyRun() {
    waitForEvaluationsAfterOurSeriesExist();
    JsonNode groups = api.ruleGroups();
    List<String> names = new ArrayList<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        names.add(rule.path("name").asText());
        assertThat(rule.path("health").asText())
            .as(rule.path("name").asText() + ": " + rule.path("lastError"))
            .isEqualTo("ok");
        api.query(rule.path("query").asText()); // throws when Prometheus refuses the expression
      }
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "ConnectorFailed",
            "ConnectTaskFailed",
            "SinkEngineDown",
            "SinkLagGrowing",
            "SinkDeadLetters",
            "SinkIndexesNothing",
            "LagExporterDown",
            "ConnectWorkerDown",
            "NoaaBreakerOpen",
            "NoaaDataStale",
            "NoaaUnitsQuarantined");
    assertThat(ourAlerts()).as("alerts about our connectors on a healthy run").isEmpty();
  }

  /**
   * Kafka registers the consumer's per-partition records-lag twice (topic with dots and with
   * underscores), so one lagging topic raised two alerts. Exactly one series per partition whose
   * name speaks of lag may reach Prometheus: the lag exporter's, measured on the broker.
   */
  @Test
  @Order(3)
  void exactlyOneLagSeriesPerPartitionReachesPrometheusAndItAddsUp() throws Exception {
    String topicRegex = promRegexLiteral(topic).replace("\\\\.water_level", "[._]water_level");
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(SCRAPE)
        .alias("lag series of " + topic)
        .untilAsserted(
            () -> {
              JsonNode perPartition =
                  api.query(
                      "count by (partition) ({__name__=~\".*lag.*\", topic=~\""
                          + topicRegex
                          + "\"})");
              assertThat(perPartition)
                  .extracting(r -> r.path("metric").path("partition").asText())
                  .containsExactlyInAnyOrder("0", "1", "2");
              assertThat(perPartition)
                  .extracting(r -> r.path("value").get(1).asText())
                  .containsOnly("1");
            });
    assertThat(api.query("kafka_consumergroup_lag{topic=\"" + topic + "\"}"))
        .extracting(
            r ->
                r.path("metric").path("connector").asText()
                    + " "
                    + r.path("metric").path("group").asText())
        .containsOnly(sink + " connect-" + sink);
    // lag = log end - committed, on every partition
    assertThat(
            api.query(
                "kafka_consumergroup_lag{topic=\""
                    + topic
                    + "\"} != on (group, topic, partition) "
                    + "(kafka_consumergroup_log_end_offset{topic=\""
                    + topic
                    + "\"} - on (group, topic, partition) "
                    + "kafka_consumergroup_committed_offset{topic=\""
                    + topic
                    + "\"})"))
        .isEmpty();

    String exposition = http.get(lagExporter.metricsUrl()).body();
    assertThat(exposition).contains("lag_exporter_up 1\n");
    assertThat(promtool(exposition, "check", "metrics"))
        .as("promtool check metrics on the lag exporter's output")
        .isEmpty();
  }

  @Test
  @Order(4)
  void deadLetterAlertFiresWhenErrorPayloadsAndRejectedDocumentsReachTheSink(TestStack stack) {
    List<Map.Entry<String, String>> bad = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // what NOAA answers for a product a station does not offer, as the talk's off-the-shelf
      // source published it
      bad.add(
          Map.entry(
              "bad-" + i,
              envelope(
                  "{\"error\":{\"message\":\"No data was found. This product may not be "
                      + "offered at this station at the requested time.\"}}")));
    }
    // an HTML page where JSON was expected: dropped, as filter.non.json.action=drop says
    bad.add(
        Map.entry(
            "html-0",
            "{\"schema\":null,\"payload\":\"<html><body>502 Bad Gateway</body></html>\"}"));
    for (int i = 0; i < 3; i++) {
      // a level the engine cannot parse as a number: refused per item with mapper_parsing_exception
      bad.add(
          Map.entry(
              "unparsable-" + i,
              envelope(
                  "{\"station_id\":\"8724580\",\"product\":\"water_level\","
                      + "\"time\":\"2026-01-01T00:0"
                      + i
                      + ":00Z\",\"value\":\"not a number\",\"lat\":24.55,\"lon\":-81.81}")));
    }
    stack.kafkaTool().produce(topic, bad);

    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(SCRAPE)
        .alias("SinkDeadLetters firing for " + sink)
        .until(
            () ->
                firing("SinkDeadLetters", Map.of("connector", sink, "reason", "error_payload"))
                    && firing(
                        "SinkDeadLetters",
                        Map.of("connector", sink, "reason", "mapper_parsing_exception")));
    assertThat(
            api.query(
                    "sum(kafka_connect_plugins_dead_lettered_records_total{connector=\""
                        + sink
                        + "\",reason=\"error_payload\"})")
                .get(0)
                .path("value")
                .get(1)
                .asDouble())
        .isEqualTo(5.0);
    assertThat(
            api.query(
                    "sum(kafka_connect_plugins_item_failures_total{connector=\""
                        + sink
                        + "\",error_type=\"mapper_parsing_exception\"})")
                .get(0)
                .path("value")
                .get(1)
                .asDouble())
        .isEqualTo(3.0);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(SCRAPE)
        .alias("the dropped HTML page counted")
        .until(
            () ->
                api.query(
                            "sum(kafka_connect_plugins_dropped_records_total{connector=\""
                                + sink
                                + "\",reason=\"non_json_value\"}) == 1")
                        .size()
                    == 1);
    // bad data is dead-lettered, never a failed task (SinkIndexesNothing may fire too: for this
    // window, every record read was refused)
    assertThat(ourAlerts())
        .extracting(a -> a.path("labels").path("alertname").asText())
        .contains("SinkDeadLetters")
        .doesNotContain("ConnectorFailed", "ConnectTaskFailed", "ConnectWorkerDown");
  }

  @Test
  @Order(5)
  void breakerAlertFiresWhenNoaaBansTheSource(TestStack stack) {
    try (NoaaSimulator banning = NoaaSimulator.builder().port(0).seed(13).start()) {
      String name = stack.uniqueName("mon-banned");
      // a week of backfill keeps the task asking, so the next request meets the ban at once
      String start =
          Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS).toString();
      stack
          .connect()
          .startConnector(
              name,
              Connectors.source(
                  banning.baseUrl(),
                  name + ".${product}",
                  Connectors.TALK_STATIONS,
                  "water_level",
                  start),
              1);
      banning.faults().script(FaultKind.FORBIDDEN);

      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(SCRAPE)
          .alias("NoaaBreakerOpen firing for " + name)
          .until(() -> firing("NoaaBreakerOpen", Map.of("connector", name)));
      assertThat(
              api.query(
                      "sum(kafka_connect_plugins_requests_total{connector=\""
                          + name
                          + "\",outcome=\"banned\"})")
                  .get(0)
                  .path("value")
                  .get(1)
                  .asDouble())
          .isEqualTo(1.0);
      assertThat(firing("NoaaBreakerOpen", Map.of("connector", source)))
          .as("the healthy source")
          .isFalse();
      stack.connect().deleteConnector(name);
    }
  }

  @Test
  @Order(6)
  void everyPrometheusQueryOfTheDashboardReturnsASeries(TestStack stack) throws Exception {
    JsonNode dashboard =
        JsonHttp.MAPPER.readTree(
            stack.home().root().resolve("grafana/dashboards/tidestream.json").toFile());
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("$__rate_interval", "1m");
    variables.put("$__interval", "15s");
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String query = v.path("query").path("query").asText();
      var m = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)").matcher(query);
      assertThat(m.matches())
          .as("variable " + v.path("name") + " is a label_values query")
          .isTrue();
      List<String> values = api.labelValues(m.group(2), m.group(1));
      if (v.path("name").asText().equals("connector")) {
        assertThat(values).contains(source, sink);
        values = List.of(source, sink);
      }
      assertThat(values).as("values of $" + v.path("name").asText()).isNotEmpty();
      // as Grafana formats a multi-value variable for a regex matcher: (a|b), metacharacters
      // escaped
      variables.put(
          "$" + v.path("name").asText(),
          "("
              + values.stream()
                  .map(PrometheusMonitoringIT::promRegexLiteral)
                  .collect(Collectors.joining("|"))
              + ")");
    }

    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        if ("prometheus".equals(target.path("datasource").path("type").asText())) {
          String expr = target.path("expr").asText();
          for (Map.Entry<String, String> v : variables.entrySet()) {
            expr = expr.replace(v.getKey(), v.getValue());
          }
          queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(), expr);
        }
      }
    }
    assertThat(queries).hasSizeGreaterThan(15);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(SCRAPE)
        .untilAsserted(
            () -> {
              List<String> empty = new ArrayList<>();
              queries.forEach(
                  (panel, expr) -> {
                    if (api.query(expr).isEmpty()) {
                      empty.add(panel + ": " + expr);
                    }
                  });
              assertThat(empty).as("dashboard queries without a series").isEmpty();
            });
  }

  @Test
  @Order(7)
  void pluginMetricsDisappearWhenTheTasksStop(TestStack stack) {
    stack.connect().deleteConnector(sink);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (ConnectWorker w : stack.connect().workers()) {
                assertThat(
                        WorkerJmx.read(
                            w.process().pid(),
                            "kafka.connect:type=plugins,connector=" + sink + ",*",
                            "documents-indexed-total"))
                    .isEmpty();
              }
            });
  }

  /**
   * {@code text} as a regex inside a PromQL string: each metacharacter behind an (escaped)
   * backslash.
   */
  static String promRegexLiteral(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (".+*?^$()[]{}|\\".indexOf(c) >= 0) {
        b.append("\\\\");
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Runs promtool with {@code stdin} as its input; returns what it printed, failing on a non-zero
   * exit.
   */
  static String promtool(String stdin, String... args) throws Exception {
    Path promtool =
        PrometheusServer.findPromtool()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "promtool is not installed: " + PrometheusServer.HOW_TO_INSTALL));
    List<String> cmd = new ArrayList<>(List.of(promtool.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out.strip();
  }

  private static String envelope(String json) {
    return "{\"schema\":null,\"payload\":" + json + "}";
  }

  /** Waits until the rules were evaluated twice after our connectors' series reached Prometheus. */
  private static void waitForEvaluationsAfterOurSeriesExist() {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(SCRAPE)
        .alias("series of " + sink + " in Prometheus")
        .until(
            () ->
                !api.query(
                            "kafka_connect_plugins_documents_indexed_total{connector=\""
                                + sink
                                + "\"}")
                        .isEmpty()
                    && !api.query("kafka_connect_connector_status{connector=\"" + source + "\"}")
                        .isEmpty());
    Instant seen = Instant.now();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (JsonNode group : api.ruleGroups()) {
                Instant last =
                    Instant.parse(group.path("lastEvaluation").asText("1970-01-01T00:00:00Z"));
                if (!last.isAfter(seen.plus(SCRAPE))) {
                  return false;
                }
              }
              return true;
            });
  }

  private static List<JsonNode> ourAlerts() {
    List<JsonNode> ours = new ArrayList<>();
    for (JsonNode a : api.alerts()) {
      String connector = a.path("labels").path("connector").asText();
      String client = a.path("labels").path("topic").asText();
      if (connector.equals(sink) || connector.equals(source) || client.equals(topic)) {
        ours.add(a);
      }
    }
    return ours;
  }

  private static boolean firing(String alert, Map<String, String> labels) {
    for (JsonNode a : api.alerts()) {
      if (!a.path("labels").path("alertname").asText().equals(alert)
          || !"firing".equals(a.path("state").asText())) {
        continue;
      }
      if (labels.entrySet().stream()
          .allMatch(e -> e.getValue().equals(a.path("labels").path(e.getKey()).asText()))) {
        return true;
      }
    }
    return false;
  }

  private static long count() {
    http.post(engine.url() + "/" + index + "/_refresh", "");
    JsonHttp.Response r = http.get(engine.url() + "/" + index + "/_count");
    return r.ok() ? r.json().path("count").asLong() : -1;
  }
}
