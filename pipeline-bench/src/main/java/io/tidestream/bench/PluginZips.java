package io.tidestream.bench;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plugin build a run measures: the freshly built ZIPs, or those in a folder given with {@code
 * --plugins} (an older build, to measure "before" with today's benchmark), and how the page names
 * it.
 */
final class PluginZips {

  private PluginZips() {}

  /** The ZIPs in {@code dir}; one of them must be the sink's. */
  static List<Path> in(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new LauncherException(
          "--plugins " + dir + " is not a folder; give the folder that holds the plugin ZIPs");
    }
    List<Path> zips;
    try (Stream<Path> files = Files.list(dir)) {
      zips = files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().toList();
    } catch (IOException e) {
      throw new LauncherException("Cannot list --plugins " + dir + ": " + e.getMessage(), e);
    }
    if (zips.stream().noneMatch(p -> p.getFileName().toString().startsWith("elastic-geo-sink"))) {
      throw new LauncherException(
          "--plugins "
              + dir
              + " holds no elastic-geo-sink-*.zip; copy elastic-geo-sink/target/*.zip (and"
              + " noaa-rest-source/target/*.zip) of the build to measure into it");
    }
    return zips;
  }

  /**
   * {@code machine} with its plugins named as measured: the sink's version as the worker reports
   * it, and where the ZIPs came from ({@code label}, or the folder's name, for {@code --plugins}).
   */
  static BenchResults.Machine describe(
      BenchResults.Machine machine,
      Path dir,
      String label,
      ConnectRestClient worker,
      String sinkClass) {
    String version =
        worker.plugins().stream()
            .filter(p -> p.className().equals(sinkClass))
            .map(ConnectRestClient.Plugin::version)
            .findFirst()
            .orElse("(not reported)");
    String from =
        dir == null
            ? "built from this checkout"
                + (machine.commit().isEmpty() ? "" : " at commit " + machine.commit())
            : "ZIPs from "
                + dir
                + " ("
                + (label != null ? label : String.valueOf(dir.getFileName()))
                + ")";
    return new BenchResults.Machine(
        machine.cores(),
        machine.memoryBytes(),
        machine.cpu(),
        machine.os(),
        machine.java(),
        machine.kafka(),
        machine.engine(),
        "elastic-geo-sink " + version + " (as the worker reports it), " + from,
        machine.commit());
  }
}
