package io.tidestream.noaa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the recorded NOAA responses: walks up from the working directory until an ancestor has
 * {@code shared/noaa-fixtures} (in this checkout {@code /work/shared}; in CI {@code shared/} is a
 * sibling of the clone). Fails loudly rather than skipping tests.
 */
public final class Fixtures {

  private Fixtures() {}

  public static Path dir() {
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("noaa-fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Cannot find the recorded NOAA responses: no directory shared/noaa-fixtures beside "
            + start + " or any of its ancestors. Put the fixtures there (in CI: check out "
            + "shared/ next to the repository clone).");
  }

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fixture " + name, e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }

  public static final String WATER_LEVEL =
      "water_level_9447130_20150101-20150131_mllw_metric_gmt_verified.json";
  public static final String PREDICTIONS_HILO =
      "predictions_hilo_9447130_20150101-20150103_mllw_metric_gmt.json";
  public static final String WIND = "wind_9447130_20150101-20150102_metric_gmt.json";
  public static final String AIR_TEMPERATURE =
      "air_temperature_9447130_20150101-20150102_metric_gmt.json";
  public static final String WATER_TEMPERATURE =
      "water_temperature_8723970_20140927-20140928_metric_gmt.json";
  public static final String NO_DATA = "error_no_data_found_8775244_air_temperature_2018.json";
  public static final String STATIONS_LIST = "mdapi_stations_list.json";
  public static final String STATION_9447130 = "mdapi_station_9447130_expanded.json";
}
