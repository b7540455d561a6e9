package io.tidestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's results: README.md, results.json, throughput.png and latency.png. */
final class ResultsWriter {

  private ResultsWriter() {}

  static void write(Path dir, BenchResults results) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("README.md"), Report.markdown(results));
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
