package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidestream.it.harness.ConnectCluster;
import io.tidestream.it.harness.ConnectRuntime;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.Validations;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectRestClient.Plugin;
import io.tidestream.sim.NoaaSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugins on a Connect cluster of the oldest Kafka they support (3.9.2, one worker of its own
 * beside the suite's cluster, on the same broker): they load from the ZIPs, validate() answers, the
 * source fills a topic from the simulator and the sink indexes every record of it, and the worker,
 * which predates plugin metrics (KIP-877), gets the "no plugin metrics" line once per plugin while
 * the tasks run. The core scenarios run on each runtime with -Pruntime-matrix; this one costs the
 * default suite one worker start and a small pipeline.
 */
@ExtendWith(StackExtension.class)
class ConnectRuntimeSmokeIT {

  static final ConnectRuntime OLDEST = new ConnectRuntime(ConnectRuntime.OLDEST_SUPPORTED);
  static final String NO_PLUGIN_METRICS = "This Connect worker offers no plugin metrics";

  private NoaaSimulator sim;
  private ConnectCluster connect;
  private final List<String> connectors = new ArrayList<>();
  private TestStack stack;

  @AfterEach
  void cleanUp() {
    if (connect != null) {
      connectors.forEach(c -> connect.deleteConnector(c));
      // the rest of the suite does not need this worker
      stack.stopConnect(OLDEST);
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void pluginsLoadValidateAndCarryRecordsEndToEndOnTheOldestSupportedWorker(TestStack stack)
      throws IOException {
    this.stack = stack;
    sim = NoaaSimulator.builder().port(0).seed(7).start();
    connect = stack.connect(OLDEST, 1);
    assertThat(connect.runtime().hasPluginMetrics()).isFalse();

    String version = stack.home().build().version();
    assertThat(connect.rest().plugins())
        .contains(
            new Plugin(Connectors.SOURCE_CLASS, "source", version),
            new Plugin(Connectors.SINK_CLASS, "sink", version));

    Map<String, String> badSource =
        Connectors.source(sim.baseUrl(), "noaa.${product}", "9999999", "water_level", "P1D");
    badSource.put("name", stack.uniqueName("validate"));
    assertThat(
            Validations.errorsOn(
                connect.rest().validate(Connectors.SOURCE_CLASS, badSource), "noaa.stations"))
        .contains("9999999")
        .contains("not a NOAA CO-OPS station");

    // 2 stations x 6 hours of 6-minute water levels, then every record of them in the index
    String prefix = stack.uniqueName("runtime-" + OLDEST.kafkaVersion());
    String topic = prefix + ".water_level";
    String source = prefix + "-source";
    String sink = prefix + "-sink";
    String start =
        Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.HOURS).toString();
    connectors.add(source);
    connect.startConnector(
        source,
        Connectors.source(
            sim.baseUrl(), prefix + ".${product}", "8724580,8454000", "water_level", start),
        1);
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    String index = prefix.toLowerCase(Locale.ROOT);
    connectors.add(sink);
    connect.startConnector(
        sink, Connectors.pipelineSink(engine.url(), topic, index, index + ".dlq"), 2);

    KafkaTool kafka = stack.kafkaTool();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .alias("the backfill of 2 stations x 6 hours in the topic")
        .until(
            () -> kafka.topicsStartingWith(prefix).contains(topic) && kafka.count(topic) >= 2 * 60);
    connect.deleteConnector(source);
    connectors.remove(source);
    // counted by reading: with exactly-once delivery, transaction markers take offsets too
    long records = kafka.readAll(topic, Duration.ofMinutes(1)).size();
    EngineTool documents = new EngineTool(engine.url());
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(2))
        .alias("every record of " + topic + " indexed")
        .until(() -> documents.count(index) == records);
    assertThat(connect.awaitRunning(sink, 2, Duration.ofSeconds(10))).isNotNull();

    // three task starts on the one worker (a source task, two sink tasks): one line per plugin;
    // the log file keeps earlier runs' lines, so only this test's connectors count
    String worker = connect.workers().get(0).name();
    List<String> notices =
        Files.readAllLines(stack.logFile(worker)).stream()
            .filter(l -> l.contains(NO_PLUGIN_METRICS))
            .filter(l -> l.contains("[" + source + "|") || l.contains("[" + sink + "|"))
            .toList();
    assertThat(notices)
        .as("INFO lines of %s saying it has no plugin metrics", worker)
        .hasSize(2)
        .allMatch(l -> l.contains(" INFO "))
        .anyMatch(l -> l.contains("[" + source + "|task-0]"))
        .anyMatch(l -> l.contains("[" + sink + "|task-"));
  }
}
