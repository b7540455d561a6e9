package io.tidestream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The root README's benchmark table: the targets rows of the run that wrote {@code
 * docs/benchmarks/}, put between two marker comments, so the table users see first is computed from
 * the same results as the page, never typed in.
 */
final class ReadmeTargets {

  private ReadmeTargets() {}

  static final String BEGIN = "<!-- bench:targets (written by ./pipeline bench) -->";
  static final String END = "<!-- /bench:targets -->";

  /** Rewrites the table in {@code readme}; a README without the markers is left alone. */
  static void update(Path readme, BenchResults results) {
    try {
      String text = Files.readString(readme);
      String updated = replace(text, results.targets(), results.startedAt());
      if (!updated.equals(text)) {
        Files.writeString(readme, updated);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code readme} with the text between the markers replaced by the table of {@code rows}. */
  static String replace(String readme, List<BenchResults.Target> rows, String when) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      return readme;
    }
    StringBuilder table = new StringBuilder(BEGIN).append('\n');
    table
        .append("From the run of ")
        .append(when)
        .append(" in [docs/benchmarks](docs/benchmarks/README.md):\n\n");
    table.append(Report.targetsTable(rows).replace("](../../", "]("));
    return readme.substring(0, begin) + table + readme.substring(end);
  }
}
