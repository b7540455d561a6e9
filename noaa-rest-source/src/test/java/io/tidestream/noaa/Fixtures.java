package io.tidestream.noaa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The recorded NOAA responses of the {@code noaa-fixtures} module, read from the class path ({@code
 * noaa-fixtures/<file>}): inside the repository, from a jar or from its build output alike. Fails
 * loudly rather than skipping tests.
 */
public final class Fixtures {

  /** Where the {@code noaa-fixtures} module puts the recordings on the class path. */
  public static final String RESOURCE_DIR = "noaa-fixtures/";

  private Fixtures() {}

  public static byte[] bytes(String name) {
    String resource = RESOURCE_DIR + name;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The recorded NOAA response "
                + resource
                + " is not on the test class path;"
                + " the tests take it from the noaa-fixtures module (a test dependency): build with"
                + " ./mvnw -pl noaa-rest-source -am test, and add new recordings to"
                + " noaa-fixtures/src/main/resources/"
                + RESOURCE_DIR);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fixture " + resource, e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
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
