package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * "Today's" worker CPU per document for the CPU target, from the {@code results.json} of an earlier
 * run of this benchmark on the plugin as it was before the change ({@code --plugins DIR --writers
 * default:json:2}): the median over that run's rounds of the previous default writer.
 */
final class Baseline {

  private Baseline() {}

  static BenchResults.Baseline read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new LauncherException(
          "--baseline " + file + " is not readable JSON: " + e.getMessage());
    }
    return of(root, file.toString());
  }

  /** The baseline in {@code results} (a results.json tree), named {@code file}. */
  static BenchResults.Baseline of(JsonNode results, String file) {
    String writer = Writer.PREVIOUS_DEFAULT.id();
    List<Double> worker = new ArrayList<>();
    for (JsonNode t : results.path("throughput")) {
      JsonNode cpu = t.path("cpu").path("worker");
      if (writer.equals(t.path("writer").asText()) && t.path("repetition").asInt() > 0) {
        if (cpu.isNumber()) {
          worker.add(cpu.asDouble());
        }
      }
    }
    if (worker.isEmpty()) {
      throw new LauncherException(
          "--baseline "
              + file
              + " has no measured round of "
              + writer
              + " with the worker's CPU; make it with ./pipeline bench --plugins DIR --writers "
              + writer
              + " --out DIR on the plugin build to compare with");
    }
    return new BenchResults.Baseline(
        file,
        results.path("machine").path("plugins").asText("(not recorded)"),
        writer,
        BenchResults.Spread.of(worker).median(),
        worker.size());
  }
}
