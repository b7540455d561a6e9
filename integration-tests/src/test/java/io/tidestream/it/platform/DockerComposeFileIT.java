package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.ProjectHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), but the compose tool can still check
 * it: services, dependencies, mounts and volumes must be what it accepts.
 */
class DockerComposeFileIT {

  @Test
  void dockerComposeAcceptsTheComposeFile() throws Exception {
    Path root = ProjectHome.locate().root();
    Process p =
        new ProcessBuilder(
                "docker-compose", "-f", root.resolve("docker-compose.yml").toString(), "config")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(
            "kafka:",
            "connect:",
            "opensearch:",
            "opensearch-dashboards:",
            "prometheus:",
            "grafana:",
            "plugins:");
  }
}
