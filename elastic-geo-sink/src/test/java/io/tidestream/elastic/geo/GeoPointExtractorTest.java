package io.tidestream.elastic.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.elastic.document.DottedPath;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeoPointExtractorTest {

  private final GeoPointExtractor topLevel =
      new GeoPointExtractor(DottedPath.parse("lat"), DottedPath.parse("lon"));
  private final GeoPointExtractor nested =
      new GeoPointExtractor(DottedPath.parse("metadata.lat"), DottedPath.parse("metadata.lon"));

  @Test
  void readsNumbersAndNumericStringsAtDottedPaths() {
    assertThat(topLevel.extract(Map.of("lat", 24.5508, "lon", -81.8081)))
        .isEqualTo(new GeoPointExtractor.Found(new GeoPoint(24.5508, -81.8081)));
    assertThat(nested.extract(Map.of("metadata", Map.of("lat", " 24.5508", "lon", "-81.8081"))))
        .isEqualTo(new GeoPointExtractor.Found(new GeoPoint(24.5508, -81.8081)));
    assertThat(topLevel.extract(Map.of("lat", 90, "lon", -180)))
        .isInstanceOf(GeoPointExtractor.Found.class);
  }

  @Test
  void outOfRangeAndNonNumericAreInvalid() {
    assertThat(topLevel.extract(Map.of("lat", 90.0001, "lon", 0)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", 0, "lon", 180.5)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", "north", "lon", 1)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", "", "lon", 1)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", Double.NaN, "lon", 1)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", "Infinity", "lon", 1)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
    assertThat(topLevel.extract(Map.of("lat", true, "lon", 1)))
        .isInstanceOf(GeoPointExtractor.Invalid.class);
  }

  @Test
  void absentOrNullCoordinatesAreMissing() {
    Map<String, Object> nullLat = new HashMap<>();
    nullLat.put("lat", null);
    nullLat.put("lon", 1.0);
    assertThat(topLevel.extract(nullLat))
        .isEqualTo(new GeoPointExtractor.Missing("coordinate field 'lat' is missing or null"));
    assertThat(nested.extract(Map.of("metadata", "none")))
        .isInstanceOf(GeoPointExtractor.Missing.class);
  }
}
