package io.tidestream.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmarks run on, read from the classpath: NOAA bodies recorded byte for byte (from the
 * {@code noaa-fixtures} module) and the connector configurations the project ships in {@code
 * config/} (copied into {@code connector-config/} by the build, so they cannot drift).
 */
public final class BenchResources {

  /** water_level, Seattle 9447130, January 2015, 6-minute verified data: 7,201 rows. */
  public static final String WATER_LEVEL_BODY =
      "noaa-fixtures/water_level_9447130_20150101-20150131_mllw_metric_gmt_verified.json";

  /** wind, Seattle 9447130, 2015-01-01 00:00 to 2015-01-02 00:00: 241 rows. */
  public static final String WIND_BODY =
      "noaa-fixtures/wind_9447130_20150101-20150102_metric_gmt.json";

  /** {@code config/noaa-source.json}. */
  public static final String SOURCE_CONFIG = "connector-config/noaa-source.json";

  /** {@code config/elastic-sink.json}. */
  public static final String SINK_CONFIG = "connector-config/elastic-sink.json";

  private BenchResources() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = BenchResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath; build the module with Maven first");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * The {@code config} object of a Connect REST payload such as {@code config/elastic-sink.json}.
   */
  public static Map<String, String> connectorConfig(String resource) {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(bytes(resource)).path("config");
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " is not valid JSON", e);
    }
    if (!config.isObject()) {
      throw new IllegalStateException(resource + " has no \"config\" object");
    }
    Map<String, String> props = new LinkedHashMap<>();
    config.properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
    return props;
  }
}
