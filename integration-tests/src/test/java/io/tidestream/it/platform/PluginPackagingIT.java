package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.kafka.ConnectRestClient.Plugin;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin ZIPs are what a user installs: they must load on a real distributed Connect cluster.
 */
@ExtendWith(StackExtension.class)
class PluginPackagingIT {

  static final String SOURCE = "io.tidestream.noaa.NoaaSourceConnector";
  static final String SINK = "io.tidestream.elastic.ElasticGeoSinkConnector";

  @Test
  void everyWorkerListsBothConnectorsWithTheProjectVersion(TestStack stack) {
    String version = stack.home().build().version();
    for (ConnectWorker worker : stack.connect().workers()) {
      List<Plugin> plugins = worker.rest().plugins();
      assertThat(plugins)
          .as("plugins on " + worker.name())
          .contains(new Plugin(SOURCE, "source", version), new Plugin(SINK, "sink", version));
    }
  }

  @Test
  void workerClassPathHoldsNoneOfOurJarsSoPluginsComeFromTheZips(TestStack stack) {
    List<String> jars =
        Arrays.stream(stack.home().kafkaClassPath().split(File.pathSeparator))
            .map(p -> Path.of(p).getFileName().toString())
            .toList();
    assertThat(jars)
        .isNotEmpty()
        .noneMatch(
            j ->
                j.startsWith("noaa-rest-source")
                    || j.startsWith("elastic-geo-sink")
                    || j.startsWith("connect-common")
                    || j.startsWith("noaa-simulator"));
  }

  @Test
  void zipsHoldTheConnectorAndItsDependenciesButNothingTheWorkerProvides(TestStack stack)
      throws Exception {
    String version = stack.home().build().version();
    for (Path zip : stack.home().pluginZips()) {
      String module = zip.getFileName().toString().replace("-" + version + ".zip", "");
      String base = module + "-" + version + "/";
      List<String> entries = new ArrayList<>();
      try (ZipFile file = new ZipFile(zip.toFile())) {
        file.stream().forEach(e -> entries.add(e.getName()));
        JsonNode manifest =
            JsonHttp.MAPPER.readTree(file.getInputStream(file.getEntry(base + "manifest.json")));
        assertThat(manifest.path("version").asText()).isEqualTo(version);
        assertThat(manifest.path("name").asText()).isEqualTo(module);
      }
      assertThat(entries)
          .as(zip.toString())
          .contains(
              base + "manifest.json",
              base + "LICENSE",
              base + "README.md",
              base + "lib/" + module + "-" + version + ".jar",
              base + "lib/connect-common-" + version + ".jar")
          .noneMatch(
              e ->
                  e.matches(
                      ".*/lib/(kafka-clients|connect-api|connect-json|connect-runtime|"
                          + "connect-transforms|slf4j-api|kafka_2\\.13)-.*\\.jar"));
    }
  }
}
