package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorFilesTest {

  @TempDir Path dir;

  @Test
  void pointsNoaaAtTheSimulatorAndTheEngineAtTheOneWeRun() throws Exception {
    Files.writeString(
        dir.resolve("source.json"),
        """
        {"name": "noaa", "config": {"connector.class": "S",
          "noaa.data.url": "https://api.tidesandcurrents.noaa.gov/api/prod/datagetter",
          "tasks.max": "2"}}\
        """);
    Files.writeString(
        dir.resolve("sink.json"),
        """
        {"name": "sink", "config": {"connector.class": "K", "connection.url": "http://localhost:9200",
          "topics": "a, b", "errors.deadletterqueue.topic.name": "dlq"}}\
        """);

    List<ConnectorFiles.Connector> loaded =
        ConnectorFiles.load(dir, "http://127.0.0.1:8088", "http://127.0.0.1:19200");

    assertThat(loaded).extracting(ConnectorFiles.Connector::name).containsExactly("sink", "noaa");
    assertThat(loaded.get(1).config())
        .containsEntry("noaa.data.url", "http://127.0.0.1:8088/api/prod/datagetter")
        .containsEntry("tasks.max", "2");
    assertThat(loaded.get(0).config()).containsEntry("connection.url", "http://127.0.0.1:19200");
    assertThat(loaded.get(0).topicsToCreate()).containsExactly("a", "b", "dlq");
  }

  @Test
  void liveModeLeavesNoaasAddressAlone() {
    assertThat(
            ConnectorFiles.rewrite(
                "https://api.tidesandcurrents.noaa.gov/x", null, "http://127.0.0.1:1"))
        .isEqualTo("https://api.tidesandcurrents.noaa.gov/x");
  }

  @Test
  void skipsJsonThatIsNoConnectorAndSaysWhenThereIsNone() throws Exception {
    Files.writeString(dir.resolve("dashboards.json"), "[{\"type\": \"index-pattern\"}]");
    assertThatThrownBy(() -> ConnectorFiles.load(dir, null, null))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("No connector definitions");
  }

  @Test
  void namesTheFileThatIsNotJson() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
    assertThatThrownBy(() -> ConnectorFiles.load(dir, null, null))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("broken.json is not valid JSON");
  }

  @Test
  void theShippedConnectorDefinitionsParse() {
    Path config = Path.of("..", "config").toAbsolutePath().normalize();
    assertThat(ConnectorFiles.load(config, "http://sim", "http://engine"))
        .extracting(ConnectorFiles.Connector::name)
        .containsExactlyInAnyOrder("noaa-source", "elastic-sink");
  }
}
