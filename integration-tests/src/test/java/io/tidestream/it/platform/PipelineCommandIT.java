package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.Ports;
import java.io.IOException;
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
 * {@code ./pipeline} as a user runs it: up with the simulator, the plugins listed by the
 * workers, tide records in the topic and located documents in OpenSearch, a second up refused
 * in one line, a taken port named, and down leaving no process.
 */
@ExtendWith(StackExtension.class)
class PipelineCommandIT {

  /** What a command printed, and how it ended. */
  record Run(int exitCode, String output) {}

  @Test
  void upWithTheSimulatorThenDownLeavesNoProcessBehind(TestStack stack) throws Exception {
    Path state = Files.createTempDirectory(Path.of(System.getProperty("tidestream.it.work")).toAbsolutePath()
        .getParent(), "pipeline-cli-");
    int kafka = freePair();
    int connect = freePair();
    int enginePort = Ports.free();
    List<String> ports = List.of("--kafka-port", Integer.toString(kafka), "--connect-port", Integer.toString(connect),
        "--engine-port", Integer.toString(enginePort), "--sim-port", Integer.toString(Ports.free()),
        "--lag-exporter-port", Integer.toString(Ports.free()));
    List<String> up = new ArrayList<>(List.of("up", "--noaa", "sim", "--detach", "--state-dir", state.toString()));
    up.addAll(ports);
    try {
      Run started = pipeline(stack, up);
      assertThat(started.exitCode()).as(started.output()).isZero();
      assertThat(started.output()).contains("Pipeline up in", "http://127.0.0.1:" + connect);

      String version = stack.home().build().version();
      for (int port : List.of(connect, connect + 1)) {
        assertThat(new ConnectRestClient("http://127.0.0.1:" + port).plugins()).contains(
            new ConnectRestClient.Plugin(PluginPackagingIT.SOURCE, "source", version),
            new ConnectRestClient.Plugin(PluginPackagingIT.SINK, "sink", version));
      }

      // the connectors from config/*.json run: tide records reach the topic within a minute, and
      // documents with a location reach OpenSearch
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka);
      try (Admin client = Admin.create(admin)) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
            .until(() -> client.listTopics().names().get().contains("noaa.water_level")
                && Topics.records(client, List.of("noaa.water_level")) > 0);
      }
      EngineTool engine = new EngineTool("http://127.0.0.1:" + enginePort);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
          .until(() -> engine.get("/tides-*/_count?q=_exists_:location").ok()
              && engine.get("/tides-*/_count?q=_exists_:location").json().path("count").asLong() > 0);

      Run again = pipeline(stack, up);
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.output().strip()).startsWith("pipeline: The pipeline is already running").doesNotContain("\tat ");

      Run status = pipeline(stack, List.of("status", "--state-dir", state.toString()));
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output()).contains("kafka", "connect-1", "connect-2", "opensearch-2", "simulator",
          "lag-exporter", "running");
      // Prometheus joins them when its binary is installed (./pipeline test installs it)
      boolean prometheus = io.tidestream.pipeline.monitoring.PrometheusServer.findBinary().isPresent();
      assertThat(recordedPids(state)).hasSize(prometheus ? 7 : 6);
    } finally {
      List<Long> pids = recordedPids(state);
      Run down = pipeline(stack, List.of("down", "--state-dir", state.toString()));
      assertThat(down.exitCode()).as(down.output()).isZero();
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " alive").isFalse();
      }
      assertThat(ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().map(c -> c.contains(state.toString())).orElse(false)))
          .as("processes still using " + state).isEmpty();
    }
  }

  @Test
  void aTakenPortIsNamedInOneLineAndNothingStarts(TestStack stack) throws Exception {
    Path state = Files.createTempDirectory("pipeline-port-");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run run = pipeline(stack, List.of("up", "--noaa", "sim", "--detach", "--state-dir", state.toString(),
          "--engine-port", Integer.toString(port), "--kafka-port", Integer.toString(freePair()),
          "--connect-port", Integer.toString(freePair())));
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.output().strip()).isEqualTo("pipeline: Port " + port + " (opensearch-2) is already in use: stop "
          + "what holds it (e.g. `ss -ltnp 'sport = :" + port + "'` shows it) or choose another with --engine-port.");
      assertThat(recordedPids(state)).isEmpty();
    }
  }

  @Test
  void pipelineSimRunsTheSimulatorAloneAndPrintsItsUrl(TestStack stack) throws Exception {
    int port = Ports.free();
    ProcessBuilder pb = new ProcessBuilder(stack.home().root().resolve("pipeline").toString(), "sim", "--port",
        Integer.toString(port)).redirectErrorStream(true);
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    Process p = pb.start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("NOAA simulator listening on http://127.0.0.1:" + port);
      EngineTool sim = new EngineTool("http://127.0.0.1:" + port);
      assertThat(sim.get("/admin/health").body().strip()).isEqualTo("ok");
      assertThat(sim.get("/api/prod/datagetter?station=8724580&product=water_level&date=latest&datum=MLLW"
          + "&units=metric&time_zone=gmt&format=json").json().path("metadata").path("id").asText()).isEqualTo("8724580");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !Ports.inUse(port));
  }

  private static Run pipeline(TestStack stack, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(stack.home().root().resolve("pipeline").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
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

  /** A port whose successor is free too (Kafka's controller, the second worker). */
  private static int freePair() {
    for (int i = 0; i < 50; i++) {
      int port = Ports.free();
      if (port < 65535 && !Ports.inUse(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two adjacent free ports");
  }
}
