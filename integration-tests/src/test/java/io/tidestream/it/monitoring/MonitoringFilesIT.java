package io.tidestream.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files as shipped: promtool accepts the Prometheus configuration (the compose one
 * and the one {@code ./pipeline up} writes) and the alert rules; the Grafana provisioning, the
 * dashboard and the OpenSearch Dashboards saved objects parse and point at what exists.
 */
class MonitoringFilesIT {

  private final ProjectHome home = ProjectHome.locate();

  @Test
  void promtoolAcceptsTheComposeConfigAndTheAlertRules() throws Exception {
    assertThat(
            promtool("check", "config", home.prometheusDir().resolve("prometheus.yml").toString()))
        .contains("SUCCESS");
    assertThat(promtool("check", "rules", home.alertRules().toString()))
        .contains("SUCCESS: 11 rules found");
  }

  /**
   * prometheus/alerts-test.yml: the engine-down alert fires within 2 minutes and clears on
   * recovery; alerts keep firing (their {@code for:} does not start over) while a task moves to
   * another worker; one lag alert per connector and topic, none for a healthy sink or a deleted
   * connector's leftover group.
   */
  @Test
  void alertRulesPassTheirPromtoolUnitTests() throws Exception {
    assertThat(
            promtool("test", "rules", home.prometheusDir().resolve("alerts-test.yml").toString()))
        .contains("SUCCESS");
  }

  @Test
  void promtoolAcceptsTheConfigThePipelineWritesForItsPorts(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        PrometheusServer.renderConfig(
            new PrometheusServer.Targets(
                List.of("127.0.0.1:9404", "127.0.0.1:9405"),
                "127.0.0.1:8088",
                "127.0.0.1:9390",
                List.of(home.alertRules()),
                Duration.ofSeconds(15)),
            9090));
    String out = promtool("check", "config", config.toString());
    assertThat(out).contains("SUCCESS").contains("1 rule files found");
    assertThat(Files.readString(config))
        .contains("job_name: connect")
        .contains("\"127.0.0.1:9405\"")
        .contains("job_name: noaa-simulator")
        .contains("job_name: lag-exporter");
  }

  @Test
  void grafanaProvisionsBothDataSourcesAndTheDashboardUsesOnlyThem() throws IOException {
    String datasources =
        Files.readString(home.root().resolve("grafana/provisioning/datasources/datasources.yml"));
    assertThat(datasources)
        .contains("uid: prometheus")
        .contains("uid: opensearch-tides")
        .contains("type: grafana-opensearch-datasource")
        .as("the tides data source reads the sink's read alias, never a wildcard over versions")
        .contains("database: \"" + readAlias() + "\"");
    assertThat(
            Files.readString(home.root().resolve("grafana/provisioning/dashboards/dashboards.yml")))
        .contains("path: /var/lib/grafana/dashboards");

    JsonNode dashboard =
        JsonHttp.MAPPER.readTree(
            home.root().resolve("grafana/dashboards/tidestream.json").toFile());
    Set<String> uids = new HashSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        titles.add(panel.path("title").asText());
        assertThat(panel.path("description").asText())
            .as(panel.path("title").asText() + " says what it answers")
            .isNotBlank();
        panel.path("targets").forEach(t -> uids.add(t.path("datasource").path("uid").asText()));
      }
    }
    assertThat(uids).containsExactlyInAnyOrder("prometheus", "opensearch-tides");
    assertThat(titles)
        .contains(
            "Connector states",
            "Task states",
            "Consumer lag per partition",
            "Engine state",
            "Records read vs documents indexed per second",
            "Dead-lettered and dropped records per second by reason",
            "Record ack latency (timestamp to indexed)",
            "JVM heap per worker",
            "Water level per station",
            "Stations");
    assertThat(dashboard.path("templating").path("list"))
        .extracting(v -> v.path("name").asText())
        .containsExactly("connector", "instance");
  }

  @Test
  void openSearchDashboardsSavedObjectsParseAndReferenceEachOther() throws IOException {
    List<String> lines =
        Files.readAllLines(
            home.configDir().resolve("opensearch-dashboards.ndjson"), StandardCharsets.UTF_8);
    Set<String> ids = new HashSet<>();
    List<JsonNode> objects = new ArrayList<>();
    for (String line : lines) {
      JsonNode o = JsonHttp.MAPPER.readTree(line);
      objects.add(o);
      ids.add(o.path("type").asText() + "/" + o.path("id").asText());
    }
    assertThat(ids)
        .contains(
            "index-pattern/tidestream-tides",
            "visualization/tidestream-water-level-per-station",
            "visualization/tidestream-stations-map",
            "dashboard/tidestream-tides-dashboard");
    assertThat(objects)
        .filteredOn(o -> o.path("type").asText().equals("index-pattern"))
        .extracting(o -> o.path("attributes").path("title").asText())
        .as("index patterns read the sink's read alias, never a wildcard over index versions")
        .containsExactly(readAlias());
    for (JsonNode o : objects) {
      for (JsonNode ref : o.path("references")) {
        assertThat(ids)
            .as("reference of " + o.path("id").asText())
            .contains(ref.path("type").asText() + "/" + ref.path("id").asText());
      }
      if (o.path("type").asText().equals("index-pattern")) {
        assertThat(o.path("attributes").path("timeFieldName").asText()).isEqualTo("time");
      }
      if (o.path("type").asText().equals("visualization")) {
        JsonNode vis = JsonHttp.MAPPER.readTree(o.path("attributes").path("visState").asText());
        assertThat(vis.path("type").asText()).isIn("line", "tile_map");
        JsonHttp.MAPPER.readTree(
            o.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
      }
    }
  }

  private static String promtool(String... args) throws Exception {
    Path promtool =
        PrometheusServer.findPromtool()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "promtool is not installed: " + PrometheusServer.HOW_TO_INSTALL));
    List<String> cmd = new ArrayList<>();
    cmd.add(promtool.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  /** The read alias of the pipeline's sink (config/elastic-sink.json): what dashboards query. */
  private String readAlias() throws IOException {
    String alias =
        JsonHttp.MAPPER
            .readTree(home.configDir().resolve("elastic-sink.json").toFile())
            .path("config")
            .path("mapping.read.alias")
            .asText();
    assertThat(alias).as("mapping.read.alias in config/elastic-sink.json").isNotBlank();
    return alias;
  }
}
