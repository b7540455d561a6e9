package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.it.harness.ConnectCluster;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.Ports;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config/register.sh}, the script docker compose runs in its {@code topics} and {@code
 * register} services, run as it is against the harness's real Kafka, Connect cluster (loading the
 * plugin ZIPs) and OpenSearch 2, with the addresses passed through the environment as compose
 * passes them. There is no Docker engine here: the containers themselves never run.
 *
 * <p>The connectors are {@code config/*.json} with only their names made unique for this run
 * (connector names, topics, the dead-letter topic and the read alias), so the shared stack's other
 * tests are undisturbed, and the source's request rate raised for the simulator; every other value
 * is as shipped, and the script points the engine's and NOAA's addresses at the harness's engine
 * and simulator. {@code kafka-topics.sh} is Kafka's own {@code TopicCommand} (what {@code
 * /opt/kafka/bin/kafka-topics.sh} of the Kafka image runs), started with client JVM flags to keep
 * the test short.
 */
@ExtendWith(StackExtension.class)
class ComposeRegistrationIT {

  private static final int PARTITIONS = 3;
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  private static final String RATE = "noaa.requests.per.second";

  @Test
  void createsEveryTopicWithThreePartitionsBeforeTheConnectorsThenWaitsUntilAllTasksRun(
      TestStack stack, @TempDir Path dir) throws Exception {
    String prefix = stack.uniqueName("compose") + "-";
    List<String> connectors = shippedConnectorsRenamed(stack.home(), prefix, dir);
    try {
      Run run = register(stack, dir, "all", Map.of("WAIT_SECONDS", "90"));

      assertThat(run.exit()).as(run.all()).isZero();
      // the partitions the source would give a topic it makes itself, and ./pipeline up's default
      assertThat(
              JsonHttp.MAPPER
                  .readTree(stack.home().configDir().resolve("noaa-source.json").toFile())
                  .path("config")
                  .path("topic.creation.default.partitions")
                  .asInt())
          .isEqualTo(PARTITIONS);
      List<String> topics =
          List.of("noaa.water_level", "noaa.predictions", "noaa.wind", "noaa.dlq").stream()
              .map(t -> prefix + t)
              .toList();
      List<String> lines = run.out().lines().toList();
      for (String topic : topics) {
        assertThat(lines)
            .as(run.all())
            .contains("register: topic " + topic + ": 3 partitions (created)");
      }
      int lastTopic = lastIndexMatching(lines, "register: topic ");
      int firstConnector = indexMatching(lines, "register: connector ");
      assertThat(lastTopic).as(run.all()).isNotNegative().isLessThan(firstConnector);
      // Connect makes a missing dead-letter topic with 1 partition, and a sink subscribing to a
      // missing topic lets the broker make it with 1: 3 everywhere means the script came first.
      assertThat(partitions(stack, topics))
          .as(run.all())
          .isEqualTo(topics.stream().collect(Collectors.toMap(t -> t, t -> PARTITIONS)));

      ConnectCluster connect = stack.connect();
      for (String name : connectors) {
        JsonNode status = connect.awaitRunning(name, 2, Duration.ofSeconds(5));
        assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
        assertThat(lines)
            .as(run.all())
            .contains("register: connector " + name + " RUNNING, tasks 2/2 RUNNING");
      }
      assertThat(run.err()).isEmpty();
    } finally {
      connectors.forEach(stack.connect()::deleteConnector);
    }
  }

  @Test
  void aTopicThatAlreadyHasOnePartitionFailsTheTopicsStepAndNamesTheFix(
      TestStack stack, @TempDir Path dir) throws Exception {
    String topic = stack.uniqueName("compose-auto-created");
    stack.kafkaTool().createTopic(topic, 1);
    writeConnector(
        dir,
        "sink.json",
        stack.uniqueName("compose-sink"),
        Map.of("connector.class", PluginPackagingIT.SINK, "topics", topic));

    Run run = register(stack, dir, "topics", Map.of());

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "register: FAILED: topic " + topic + " has 1 partition(s), the pipeline wants 3",
            "--alter --topic " + topic + " --partitions 3");
    assertThat(partitions(stack, List.of(topic))).containsEntry(topic, 1);
  }

  @Test
  void anEngineThatDoesNotAnswerFailsBeforeAnyConnectorIsRegistered(
      TestStack stack, @TempDir Path dir) throws Exception {
    String prefix = stack.uniqueName("compose-no-engine") + "-";
    List<String> connectors = shippedConnectorsRenamed(stack.home(), prefix, dir);
    String deadEngine = "http://127.0.0.1:" + Ports.free();

    Run run =
        register(stack, dir, "connectors", Map.of("ENGINE_URL", deadEngine, "WAIT_SECONDS", "2"));

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "register: FAILED: the search engine at " + deadEngine + " is not healthy after 2 s",
            "no answer (curl: (7) Failed to connect");
    assertThat(stack.connect().rest().connectors()).doesNotContainAnyElementsOf(connectors);
  }

  @Test
  void aConnectorConnectRefusesFailsWithConnectsOwnError(TestStack stack, @TempDir Path dir)
      throws Exception {
    // the shipped sink with an engine address written out (so not rewritten) where none answers:
    // the sink's own network check in validate() refuses it
    String name = stack.uniqueName("compose-refused");
    Map<String, String> config = new HashMap<>();
    JsonHttp.MAPPER
        .readTree(stack.home().configDir().resolve("elastic-sink.json").toFile())
        .path("config")
        .properties()
        .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    config.put("topics", stack.uniqueName("compose-refused"));
    config.put("errors.deadletterqueue.topic.name", stack.uniqueName("compose-refused-dlq"));
    String deadEngine = "http://127.0.0.1:" + Ports.free();
    config.put("connection.urls", deadEngine);
    writeConnector(dir, "sink.json", name, config);

    Run run = register(stack, dir, "connectors", Map.of());

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "register: FAILED: Connect at " + stack.connect().workers().get(0).url(),
            "refused connector " + name,
            "HTTP 400",
            "Connector configuration is invalid",
            "Cannot reach [" + deadEngine + "]");
    assertThat(stack.connect().rest().connectors()).doesNotContain(name);
  }

  /** What one run of the script printed, and how it ended. */
  private record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Run register(TestStack stack, Path dir, String step, Map<String, String> env)
      throws Exception {
    Path script = stack.home().configDir().resolve("register.sh");
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), step);
    Map<String, String> e = pb.environment();
    e.put("CONNECT_URL", stack.connect().workers().get(0).url());
    e.put("ENGINE_URL", stack.engine(EngineKind.OPENSEARCH_2).url());
    e.put("NOAA_URL", stack.simulator().url());
    e.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
    e.put("KAFKA_TOPICS", kafkaTopicsCommand(stack.home(), dir).toString());
    e.put("CONFIG_DIR", dir.toString());
    e.putAll(env);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    Run run =
        new Run(p.waitFor(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
    System.out.println("config/register.sh " + step + ": " + run.all());
    return run;
  }

  /** A kafka-topics.sh in {@code dir}: Kafka's TopicCommand on the launcher's Kafka class path. */
  private static Path kafkaTopicsCommand(ProjectHome home, Path dir) throws Exception {
    Path tools =
        Path.of(TopicCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = tools + File.pathSeparator + home.kafkaClassPath();
    Path command = dir.resolve("bin").resolve("kafka-topics.sh");
    Files.createDirectories(command.getParent());
    Files.writeString(
        command,
        "#!/bin/sh\nexec '"
            + java
            + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
            + classPath
            + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
    command.toFile().setExecutable(true);
    return command;
  }

  /**
   * Writes config/*.json into {@code dir} with the connector names, topics, dead-letter topic and
   * read alias prefixed and the source's request rate raised; returns the connector names.
   */
  private static List<String> shippedConnectorsRenamed(ProjectHome home, String prefix, Path dir)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (Path file : ProjectHome.filesEndingWith(home.configDir(), ".json")) {
      JsonNode root = JsonHttp.MAPPER.readTree(file.toFile());
      if (!root.hasNonNull("name") || !root.path("config").isObject()) {
        continue;
      }
      ObjectNode copy = root.deepCopy();
      String name = prefix + root.path("name").asText();
      copy.put("name", name);
      ObjectNode config = (ObjectNode) copy.path("config");
      for (String key :
          List.of("topic", "errors.deadletterqueue.topic.name", "mapping.read.alias", "topics")) {
        if (config.hasNonNull(key)) {
          config.put(
              key,
              Arrays.stream(config.path(key).asText().split(","))
                  .map(t -> prefix + t.trim())
                  .collect(Collectors.joining(",")));
        }
      }
      if (config.has(RATE)) {
        // validation asks the metadata API at this pace, on each worker the PUT passes through:
        // NOAA's 1 per second made that 20 s; the simulator has no limit (10 is the most allowed)
        config.put(RATE, "10");
      }
      Files.writeString(
          dir.resolve(file.getFileName()),
          JsonHttp.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(copy));
      names.add(name);
    }
    assertThat(names).hasSize(2);
    return names;
  }

  private static void writeConnector(Path dir, String file, String name, Map<String, String> config)
      throws Exception {
    Map<String, Object> root = new HashMap<>();
    root.put("name", name);
    root.put("config", config);
    Files.writeString(
        dir.resolve(file),
        JsonHttp.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private static Map<String, Integer> partitions(TestStack stack, List<String> topics)
      throws Exception {
    try (Admin admin = stack.kafkaTool().admin()) {
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
      return described.values().stream()
          .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
    }
  }

  private static int indexMatching(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexMatching(List<String> lines, String start) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }
}
