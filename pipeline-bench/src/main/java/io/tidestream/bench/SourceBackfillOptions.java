package io.tidestream.bench;

import io.tidestream.pipeline.LauncherException;
import java.util.List;
import picocli.CommandLine.Option;

/** The command-line options of the source backfill step ({@link SourceBackfill}). */
final class SourceBackfillOptions {

  @Option(
      names = "--backfill-stations",
      defaultValue = "20",
      description =
          "Stations of the source backfill step (the simulator's generated stations); 0 skips"
              + " the step (default ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--backfill-days",
      defaultValue = "30",
      description = "Days the source backfills (noaa.start=P<days>D; default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--backfill-products",
      defaultValue = "water_level,wind,predictions",
      split = ",",
      description = "Products of every station in the backfill step (default ${DEFAULT-VALUE}).")
  List<String> products;

  @Option(
      names = "--backfill-rate",
      defaultValue = "10",
      description =
          "noaa.requests.per.second of the backfill step: the simulator allows more than NOAA's"
              + " usual 1/s, so the step stays short (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--backfill-tasks",
      defaultValue = "2",
      description = "tasks.max of the source in the backfill step (default ${DEFAULT-VALUE}).")
  int tasks;

  @Option(
      names = "--backfill-timeout-seconds",
      defaultValue = "120",
      description =
          "How long the step waits for every unit to catch up (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  boolean enabled() {
    return stations > 0;
  }

  void validate() {
    if (!enabled()) {
      return;
    }
    if (days < 1 || tasks < 1 || !(rate > 0) || timeoutSeconds < 10) {
      throw new LauncherException(
          "--backfill-days, --backfill-tasks and --backfill-rate must be positive and"
              + " --backfill-timeout-seconds at least 10 (or --backfill-stations 0 to skip)");
    }
    for (String p : products) {
      if (!BackfillCount.WIDEST.containsKey(p)) {
        throw new LauncherException(
            "--backfill-products: "
                + p
                + " is not a NOAA product the source streams; use some of "
                + String.join(",", new java.util.TreeSet<>(BackfillCount.WIDEST.keySet())));
      }
    }
    if (stations > 99_999) {
      throw new LauncherException("--backfill-stations must be at most 99999");
    }
  }
}
