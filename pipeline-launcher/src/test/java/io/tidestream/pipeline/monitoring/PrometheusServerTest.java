package io.tidestream.pipeline.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusServerTest {

  @Test
  void configScrapesEveryWorkerWithItsNameAndLoadsTheRulesByAbsolutePath() {
    String yaml =
        PrometheusServer.renderConfig(
            new PrometheusServer.Targets(
                List.of("127.0.0.1:9404", "127.0.0.1:9405"),
                null,
                List.of(Path.of("prometheus/alerts.yml")),
                Duration.ofSeconds(15)),
            9090);

    assertThat(yaml)
        .contains("scrape_interval: 15s", "evaluation_interval: 15s")
        .contains("  - \"" + Path.of("prometheus/alerts.yml").toAbsolutePath() + "\"")
        .contains("      - targets: [\"127.0.0.1:9404\"]\n        labels: {worker: connect-1}\n")
        .contains("      - targets: [\"127.0.0.1:9405\"]\n        labels: {worker: connect-2}\n")
        .contains("targets: [\"127.0.0.1:9090\"]")
        .doesNotContain("noaa-simulator");
  }

  @Test
  void simModeAlsoScrapesTheSimulator() {
    String yaml =
        PrometheusServer.renderConfig(
            new PrometheusServer.Targets(
                List.of("127.0.0.1:9404"), "127.0.0.1:8088", List.of(), Duration.ofSeconds(2)),
            9090);

    assertThat(yaml)
        .contains(
            "job_name: noaa-simulator\n    static_configs:\n      - targets: [\"127.0.0.1:8088\"]")
        .contains("scrape_interval: 2s")
        .doesNotContain("rule_files")
        .doesNotContain("lag-exporter");
  }

  @Test
  void theLagExporterIsAJobOfItsOwn() {
    String yaml =
        PrometheusServer.renderConfig(
            new PrometheusServer.Targets(
                List.of("127.0.0.1:9404"),
                null,
                "127.0.0.1:9390",
                List.of(),
                Duration.ofSeconds(15)),
            9090);

    assertThat(yaml)
        .contains(
            "  - job_name: lag-exporter\n"
                + "    static_configs:\n"
                + "      - targets: [\"127.0.0.1:9390\"]\n");
  }

  @Test
  void exporterAgentListensOnLoopbackWithTheRulesFile() {
    assertThat(
            JmxExporter.jvmArgs(
                Path.of("/repo/agent.jar"), 9404, Path.of("/repo/prometheus/jmx-exporter.yml")))
        .containsExactly(
            "-javaagent:/repo/agent.jar=127.0.0.1:9404:/repo/prometheus/jmx-exporter.yml");
  }
}
