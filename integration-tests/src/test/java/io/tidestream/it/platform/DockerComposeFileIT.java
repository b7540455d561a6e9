package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.ProjectHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), but the compose tool can still check
 * it: services, dependencies, mounts and volumes must be what it accepts. The checks below read the
 * configuration as {@code docker-compose config} resolves it (absolute host paths, one key per
 * line). {@code ComposeRegistrationIT} runs the registration script itself on real servers.
 */
class DockerComposeFileIT {

  private static Path root;
  private static String resolved;

  @BeforeAll
  static void resolve() throws Exception {
    root = ProjectHome.locate().root();
    Process p =
        new ProcessBuilder(
                "docker-compose", "-f", root.resolve("docker-compose.yml").toString(), "config")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    resolved = out;
  }

  @Test
  void dockerComposeAcceptsTheComposeFile() {
    assertThat(services().keySet())
        .contains(
            "kafka",
            "plugins",
            "topics",
            "connect",
            "opensearch",
            "opensearch-dashboards",
            "register",
            "prometheus",
            "grafana");
  }

  @Test
  void connectorsAreRegisteredOnlyAfterTheTopicsExistAndConnectAndTheEngineAreHealthy() {
    Map<String, String> services = services();
    for (String s : List.of("kafka", "connect", "opensearch")) {
      assertThat(services.get(s)).as(s).contains("    healthcheck:");
    }
    assertThat(dependsOn(services.get("register")))
        .containsEntry("topics", "service_completed_successfully")
        .containsEntry("connect", "service_healthy")
        .containsEntry("opensearch", "service_healthy");
    assertThat(dependsOn(services.get("topics"))).containsEntry("kafka", "service_healthy");
    assertThat(dependsOn(services.get("connect")))
        .containsEntry("plugins", "service_completed_successfully");
    assertThat(services.get("topics")).contains("/tidestream/config/register.sh", "- topics");
    assertThat(services.get("register")).contains("/tidestream/config/register.sh", "- connectors");
  }

  /**
   * Docker creates a missing bind-mount source as an empty folder owned by root: a mount of a
   * module's target/ before the build would leave one that the next ./mvnw package cannot write.
   */
  @Test
  void bindMountsOnlyPathsThatExistBeforeTheBuild() throws Exception {
    Matcher m = Pattern.compile("(?m)^\\s+- (/[^:\\n]+):/").matcher(resolved);
    List<Path> sources = new ArrayList<>();
    while (m.find()) {
      sources.add(Path.of(m.group(1)));
    }
    assertThat(sources).isNotEmpty();
    for (Path source : sources) {
      assertThat(source).as("bind-mount source").startsWith(root).exists();
      for (Path part : root.relativize(source)) {
        assertThat(part.toString()).as(source + ": a build output").isNotEqualTo("target");
      }
    }
    // ... and what needs the build says so before anything starts
    assertThat(Files.readString(root.resolve("docker-compose.yml")))
        .contains("plugins: run ./mvnw -DskipTests package first");
  }

  /** Each service's block of the resolved file, by name. */
  private static Map<String, String> services() {
    Map<String, String> blocks = new LinkedHashMap<>();
    String name = null;
    StringBuilder block = new StringBuilder();
    boolean inServices = false;
    for (String line : resolved.split("\n")) {
      if (!line.startsWith(" ")) {
        inServices = line.equals("services:");
        continue;
      }
      if (!inServices) {
        continue;
      }
      if (line.matches("  [a-z][a-z0-9-]*:")) {
        if (name != null) {
          blocks.put(name, block.toString());
        }
        name = line.trim().replace(":", "");
        block = new StringBuilder();
      } else {
        block.append(line).append('\n');
      }
    }
    if (name != null) {
      blocks.put(name, block.toString());
    }
    return blocks;
  }

  /** A service's depends_on as service name to condition. */
  private static Map<String, String> dependsOn(String service) {
    Map<String, String> deps = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^      ([a-z][a-z0-9-]*):\\n        condition: (\\S+)$")
            .matcher(service);
    while (m.find()) {
      deps.put(m.group(1), m.group(2));
    }
    return deps;
  }
}
