package io.tidestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's results: README.md, capacity.md, results.json, throughput.png and latency.png;
 * reads results.json back.
 */
final class ResultsWriter {

  /** The capacity guide's file name, beside the page. */
  static final String CAPACITY = "capacity.md";

  private ResultsWriter() {}

  /** A run's {@code results.json}, as {@link #write} wrote it. */
  static BenchResults read(Path resultsJson) {
    try {
      return new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .readValue(resultsJson.toFile(), BenchResults.class);
    } catch (IOException e) {
      throw new BenchException(
          "Cannot read "
              + resultsJson
              + " as the results of a ./pipeline bench run: "
              + e.getMessage());
    }
  }

  static void write(Path dir, BenchResults results) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("README.md"), Report.markdown(results));
      Files.writeString(dir.resolve(CAPACITY), CapacityGuide.markdown(results));
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("results.json").toFile(), results);
      Charts.throughput(results, dir.resolve("throughput.png"));
      if (results.latency() != null) {
        Charts.latency(results, dir.resolve("latency.png"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
