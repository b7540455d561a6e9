package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./pipeline} as a user runs it. A first {@code up} that is stopped part-way, by {@code
 * ./pipeline down} from another terminal or by Ctrl-C, leaves a state folder the next {@code up}
 * starts from: stopped while Kafka's storage is formatted, while the engine sets itself up
 * (including the keystore file an engine killed while saving it leaves behind), and while the
 * connectors are registered; each stop ends the interrupted {@code up} and every server it started.
 * The next {@code up} runs the whole pipeline with the simulator: both workers list the plugins,
 * tide records reach the topic and located documents OpenSearch, its progress line shows both
 * connectors with their real task counts, a second {@code up} is refused in one line, and {@code
 * status} and {@code down} without {@code --state-dir} find the folder it was given; {@code down}
 * leaves no process. A taken port is named in one line, and {@code ./pipeline sim} runs the
 * simulator alone. (One {@code up} serves all of it: each costs a minute or more.)
 */
@ExtendWith(StackExtension.class)
class PipelineCommandIT {

  static final Duration START = Duration.ofMinutes(6);

  /** What a command printed, and how it ended. */
  record Run(int exitCode, String output) {}

  @Test
  void anInterruptedFirstUpLeavesAFolderTheNextUpRunsThePipelineFromAndDownStopsEverything()
      throws Exception {
    ProjectHome home = ProjectHome.locate();
    Path state =
        Files.createTempDirectory(
            Path.of(System.getProperty("tidestream.it.work")).toAbsolutePath().getParent(),
            "pipeline-interrupted-");
    int kafka = Ports.freeRun(2);
    int connect = Ports.freeRun(2);
    int enginePort = Ports.free();
    List<String> up =
        new ArrayList<>(
            List.of(
                "up",
                "--noaa",
                "sim",
                "--detach",
                "--state-dir",
                state.toString(),
                "--kafka-port",
                Integer.toString(kafka),
                "--connect-port",
                Integer.toString(connect),
                "--engine-port",
                Integer.toString(enginePort),
                "--sim-port",
                Integer.toString(Ports.free()),
                "--exporter-port",
                Integer.toString(Ports.freeRun(2)),
                "--prometheus-port",
                Integer.toString(Ports.free())));
    boolean passed = false;
    try {
      // 1. Ctrl-C while Kafka's storage is formatted (the first thing a fresh folder does)
      Started first = Started.run(home, up);
      first.awaitLine("Starting Kafka");
      first.interrupt();
      first.awaitEnd();
      assertNothingRuns(state);

      // 2. ./pipeline down while the engine sets itself up for the first time
      Started second = Started.run(home, up);
      second.awaitLine("Starting opensearch-2");
      await().atMost(START).until(() -> Files.exists(state.resolve("pids/opensearch-2.pid")));
      Run down = pipeline(home, List.of("down", "--state-dir", state.toString()));
      assertThat(down.exitCode()).as(down.output()).isZero();
      second.awaitEnd();
      assertThat(down.output()).contains("Interrupting ./pipeline up");
      assertNothingRuns(state);
      // An engine killed while it saves its keystore leaves the temporary file behind, and then
      // refuses to start ("FileAlreadyExistsException: .../opensearch.keystore.tmp"). The window is
      // milliseconds wide, too narrow to hit on purpose: leave the file as such an engine does.
      Path engineConfig =
          Path.of(stackJson(state).path("engineRoot").asText()).resolve("node-opensearch-2/config");
      if (!Files.exists(engineConfig.resolve("opensearch.keystore"))) {
        Files.createDirectories(engineConfig);
        Files.write(
            engineConfig.resolve("opensearch.keystore.tmp"),
            new byte[] {0x3f, (byte) 0xd7, 0x6c, 0x17});
      }

      // 3. ./pipeline down while the connectors are registered
      Started third = Started.run(home, up);
      third.awaitLine("Registering connector");
      down = pipeline(home, List.of("down", "--state-dir", state.toString()));
      assertThat(down.exitCode()).as(down.output()).isZero();
      third.awaitEnd();
      assertNothingRuns(state);

      // 4. the next start runs everything
      Run started = pipeline(home, up);
      assertThat(started.exitCode()).as(started.output()).isZero();
      assertThat(started.output()).contains("Pipeline up in");

      // the last progress line: both connectors, each with as many tasks as Connect gave it
      ConnectRestClient rest = new ConnectRestClient("http://127.0.0.1:" + connect);
      String progress =
          started
              .output()
              .lines()
              .filter(l -> l.startsWith("records "))
              .reduce((a, b) -> b)
              .orElseThrow(() -> new AssertionError("no progress line in\n" + started.output()));
      for (String connector : List.of("noaa-source", "elastic-sink")) {
        int tasks = rest.get("/connectors/" + connector + "/tasks").json().size();
        assertThat(tasks).as(connector + " tasks").isEqualTo(2);
        assertThat(progress)
            .contains(connector + " RUNNING (" + tasks + "/" + tasks + " tasks running)");
      }

      // what runs: both workers list both plugins with our version; tide records reach the topic
      // within a minute and documents with a location reach OpenSearch
      String version = home.build().version();
      for (int port : List.of(connect, connect + 1)) {
        assertThat(new ConnectRestClient("http://127.0.0.1:" + port).plugins())
            .contains(
                new ConnectRestClient.Plugin(PluginPackagingIT.SOURCE, "source", version),
                new ConnectRestClient.Plugin(PluginPackagingIT.SINK, "sink", version));
      }
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka);
      try (Admin client = Admin.create(admin)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    client.listTopics().names().get().contains("noaa.water_level")
                        && Topics.records(client, List.of("noaa.water_level")) > 0);
      }
      EngineTool engine = new EngineTool("http://127.0.0.1:" + enginePort);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  engine.get("/tides/_count?q=_exists_:location").ok()
                      && engine
                              .get("/tides/_count?q=_exists_:location")
                              .json()
                              .path("count")
                              .asLong()
                          > 0);

      // a second up is refused in one line
      Run again = pipeline(home, up);
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.output().strip())
          .startsWith("pipeline: The pipeline is already running")
          .doesNotContain("\tat ");
      // every component runs; Prometheus joins them when its binary is installed (./pipeline test
      // installs it)
      boolean prometheus =
          io.tidestream.pipeline.monitoring.PrometheusServer.findBinary().isPresent();
      assertThat(recordedPids(state)).hasSize(prometheus ? 7 : 6);
      List<Long> pids = recordedPids(state);

      // status and down without --state-dir find the folder up was given
      Run status = pipeline(home, List.of("status"));
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output())
          .contains(
              "State folder: " + state.toAbsolutePath().normalize(),
              "kafka",
              "connect-1",
              "connect-2",
              "opensearch-2",
              "simulator",
              "lag-exporter",
              "running");
      Run stopped = pipeline(home, List.of("down"));
      assertThat(stopped.exitCode()).as(stopped.output()).isZero();
      assertThat(stopped.output())
          .contains("State folder: " + state.toAbsolutePath().normalize(), "Stopped kafka");
      assertNothingRuns(state);
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .as("pid " + pid + " alive")
            .isFalse();
      }
      Run after = pipeline(home, List.of("status"));
      assertThat(after.output()).doesNotContain(state.toString());
      passed = true;
    } finally {
      Run cleanup = pipeline(home, List.of("down", "--state-dir", state.toString()));
      if (passed) { // else the failure above is the one to see
        assertThat(cleanup.output()).contains("Nothing was running");
      }
    }
  }

  @Test
  void aTakenPortIsNamedInOneLineAndNothingStarts(TestStack stack) throws Exception {
    Path state = Files.createTempDirectory("pipeline-port-");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run run =
          pipeline(
              stack.home(),
              List.of(
                  "up",
                  "--noaa",
                  "sim",
                  "--detach",
                  "--state-dir",
                  state.toString(),
                  "--engine-port",
                  Integer.toString(port),
                  "--kafka-port",
                  Integer.toString(Ports.freeRun(2)),
                  "--connect-port",
                  Integer.toString(Ports.freeRun(2))));
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.output().strip())
          .isEqualTo(
              "pipeline: Port "
                  + port
                  + " (opensearch-2) is already in use: stop "
                  + "what holds it (e.g. `ss -ltnp 'sport = :"
                  + port
                  + "'` shows it) or choose another with --engine-port.");
      assertThat(recordedPids(state)).isEmpty();
    }
  }

  @Test
  void pipelineSimRunsTheSimulatorAloneAndPrintsItsUrl(TestStack stack) throws Exception {
    int port = Ports.free();
    ProcessBuilder pb =
        new ProcessBuilder(
                stack.home().root().resolve("pipeline").toString(),
                "sim",
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true);
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    Process p = pb.start();
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("NOAA simulator listening on http://127.0.0.1:" + port);
      EngineTool sim = new EngineTool("http://127.0.0.1:" + port);
      assertThat(sim.get("/admin/health").body().strip()).isEqualTo("ok");
      assertThat(
              sim.get(
                      "/api/prod/datagetter?station=8724580&product=water_level&date=latest&datum=MLLW"
                          + "&units=metric&time_zone=gmt&format=json")
                  .json()
                  .path("metadata")
                  .path("id")
                  .asText())
          .isEqualTo("8724580");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !Ports.inUse(port));
  }

  private static List<Long> recordedPids(Path state) throws IOException {
    Path pids = state.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(pids)) {
      List<Long> result = new ArrayList<>();
      for (Path f : files.toList()) {
        result.add(Long.parseLong(Files.readString(f).trim().split("\\s+")[0]));
      }
      return result;
    }
  }

  /**
   * No process of the state folder is alive: neither a recorded pid nor anything naming the folder.
   */
  private static void assertNothingRuns(Path state) throws IOException {
    Path pids = state.resolve("pids");
    if (Files.isDirectory(pids)) {
      try (Stream<Path> files = Files.list(pids)) {
        for (Path f : files.toList()) {
          long pid = Long.parseLong(Files.readString(f).trim().split("\\s+")[0]);
          assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
              .as(f + " alive")
              .isFalse();
        }
      }
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info().commandLine().map(c -> c.contains(state.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
        .as("processes still using " + state)
        .isEmpty();
  }

  private static JsonNode stackJson(Path state) throws IOException {
    return JsonHttp.MAPPER.readTree(Files.readString(state.resolve("stack.json")));
  }

  /** A {@code ./pipeline up} running in the background, its output collected line by line. */
  static final class Started {
    final Process process;
    final List<String> lines = new ArrayList<>();
    final Thread reader;

    private Started(Process process) {
      this.process = process;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                      lines.add(line);
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
              },
              "pipeline-up-output");
      reader.start();
    }

    static Started run(ProjectHome home, List<String> args) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(command(home, args)).redirectErrorStream(true);
      environment(pb);
      Process p = pb.start();
      p.getOutputStream().close();
      return new Started(p);
    }

    void awaitLine(String text) {
      await()
          .atMost(START)
          .pollInterval(Duration.ofMillis(100))
          .failFast(
              "./pipeline up ended before printing '" + text + "'",
              () -> !process.isAlive() && !contains(text))
          .until(() -> contains(text));
    }

    private boolean contains(String text) {
      synchronized (lines) {
        return lines.stream().anyMatch(l -> l.contains(text));
      }
    }

    /** Ctrl-C: SIGINT to the launcher. */
    void interrupt() throws IOException, InterruptedException {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    }

    /** The interrupted up ends by itself, with what it printed. */
    void awaitEnd() throws InterruptedException {
      boolean ended = process.waitFor(3, TimeUnit.MINUTES);
      reader.join(10_000);
      String out;
      synchronized (lines) {
        out = String.join("\n", lines);
      }
      assertThat(ended).as("the interrupted ./pipeline up still runs:\n" + out).isTrue();
      assertThat(process.exitValue()).as(out).isNotZero();
    }
  }

  private static Run pipeline(ProjectHome home, List<String> args)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(home, args)).redirectErrorStream(true);
    environment(pb);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(START.toMinutes(), TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static List<String> command(ProjectHome home, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.root().resolve("pipeline").toString());
    cmd.addAll(args);
    return cmd;
  }

  private static void environment(ProcessBuilder pb) {
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // a default state folder (and its pointer) of this test's own, not the checkout's .pipeline,
    // which another test JVM's ./pipeline may use at the same time
    pb.environment().put("TIDESTREAM_STATE_HOME", DEFAULT_STATE.toString());
  }

  private static final Path DEFAULT_STATE =
      Path.of(System.getProperty("tidestream.it.work"))
          .toAbsolutePath()
          .resolve("pipeline-default-state");
}
