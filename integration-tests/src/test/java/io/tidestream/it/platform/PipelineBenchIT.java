package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./pipeline bench} runs to completion on a small load: every measurement is taken on real
 * servers, the page, the charts and the JSON are written, and no server is left running. (The
 * numbers of so small a run say nothing; the committed ones come from a full run.)
 */
@ExtendWith(StackExtension.class)
class PipelineBenchIT {

  @Test
  void aSmallBenchmarkRunWritesItsPageChartsAndJsonAndStopsItsServers(TestStack stack)
      throws Exception {
    Path work = Path.of(System.getProperty("tidestream.it.work")).toAbsolutePath().getParent();
    Files.createDirectories(
        work); // absent when this is the first test of the run: the stack starts lazily
    Path out = Files.createTempDirectory(work, "bench-out-");
    Path state = Files.createTempDirectory(work, "bench-state-");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                stack.home().root().resolve("pipeline").toString(),
                "bench",
                "--records",
                // a warm engine drains 20,000 in under a second: too few samples for a steady rate
                "60000",
                "--repetitions",
                "1",
                "--writers",
                // the pipeline's default (raw bytes) and the worker's JsonConverter
                "default:bytes:2,schemaless:json:1",
                "--warmup-loads",
                "3",
                "--partitions",
                "2",
                "--latency-seconds",
                "5",
                // a fixed rate skips the capacity search; one share, one window
                "--streaming-capacity",
                "2000",
                "--latency-shares",
                "50",
                "--latency-windows",
                "1",
                "--backfill-stations",
                "2",
                "--backfill-days",
                "5",
                "--out",
                out.toString(),
                "--state-dir",
                state.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "warm-up 1",
            "raw _bulk, 2 in flight",
            "sink, default format, ByteArrayConverter, tasks.max=2",
            "sink, schemaless JSON, JsonConverter (no schemas), tasks.max=1",
            "of the raw rounds next to it",
            "window 1",
            "Source backfill:",
            "Wrote ");

    String page = Files.readString(out.resolve("README.md"));
    assertThat(page)
        .contains(
            "| warm-up load | raw docs/s |",
            "| raw 2-way `_bulk` (the ceiling) |",
            "| sink, default format, ByteArrayConverter, tasks.max=2 |",
            "### CPU per document",
            "## Streaming capacity",
            "## Latency",
            "## Source backfill requests",
            "## Worker heap",
            "## Targets",
            "./pipeline bench --records 60000");
    // the capacity guide from the same run: per-core rates from its CPU per document, and sizing
    assertThat(Files.readString(out.resolve("capacity.md")))
        .contains(
            "# Capacity guide",
            "./pipeline bench --records 60000",
            "| `default:bytes:2` |",
            "## Sizing for a target rate",
            "| 100,000 |");
    for (String png : List.of("throughput.png", "latency.png")) {
      assertThat(ImageIO.read(out.resolve(png).toFile()).getWidth()).isEqualTo(900);
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    // raw, sink, raw, sink, raw
    assertThat(results.path("throughput")).hasSize(5);
    for (JsonNode t : results.path("throughput")) {
      assertThat(t.path("steadyRate").asDouble()).isPositive();
      assertThat(t.path("cpu").path("engine").asDouble()).as(t.toString()).isPositive();
      if (!t.path("writer").asText().equals("raw")) {
        assertThat(t.path("cpu").path("worker").asDouble()).as(t.toString()).isPositive();
      }
    }
    assertThat(results.path("ratios")).hasSize(2);
    for (JsonNode r : results.path("ratios")) {
      assertThat(r.path("ratio").asDouble()).isPositive();
    }
    assertThat(results.path("warmup").path("rates").size()).isBetween(2, 3);
    assertThat(results.path("targets").size()).isGreaterThanOrEqualTo(4);
    JsonNode windows = results.path("latency").path("windows");
    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).path("ackP99").asDouble()).isPositive();
    assertThat(windows.get(0).path("searchP99").asDouble()).isPositive();
    JsonNode backfill = results.path("backfill").path("requests");
    assertThat(backfill.path("made").asLong()).isPositive();
    assertThat(backfill.path("made").asLong()).isEqualTo(backfill.path("minimum").asLong());
    assertThat(results.path("heap").get(0).path("peakBytes").asLong()).isPositive();

    try (Stream<Path> pids = Files.list(state.resolve("pids"))) {
      for (Path pid : pids.toList()) {
        long n = Long.parseLong(Files.readString(pid).trim().split("\\s+")[0]);
        assertThat(ProcessHandle.of(n).map(ProcessHandle::isAlive).orElse(false))
            .as(pid.toString())
            .isFalse();
      }
    }
  }
}
