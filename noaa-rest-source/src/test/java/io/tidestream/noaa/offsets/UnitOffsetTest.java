package io.tidestream.noaa.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnitOffsetTest {

  private static final Instant WM = Instant.parse("2015-01-01T00:06:00Z");
  private static final long WM_MS = 1_420_070_760_000L;
  private static final Instant VWM = Instant.parse("2014-12-31T23:00:00Z");
  private static final long VWM_MS = 1_420_066_800_000L;

  @Test
  void writesVersionAndWatermarkOnlyWhenNothingIsVerified() {
    Map<String, Object> m = new UnitOffset(WM, null).toMap();

    assertThat(m).containsExactly(Map.entry("v", 1), Map.entry("wm", WM_MS));
    assertThat(m.get("v")).isInstanceOf(Integer.class);
    assertThat(m.get("wm")).isInstanceOf(Long.class);
  }

  @Test
  void writesTheVerifiedWatermarkAfterTheWatermark() {
    assertThat(new UnitOffset(WM, VWM).toMap())
        .containsExactly(Map.entry("v", 1), Map.entry("wm", WM_MS), Map.entry("vwm", VWM_MS));
  }

  static Stream<UnitOffset> offsets() {
    return Stream.of(
        new UnitOffset(WM, null),
        new UnitOffset(WM, VWM),
        new UnitOffset(WM, WM),
        new UnitOffset(Instant.EPOCH, null),
        new UnitOffset(Instant.parse("1969-12-31T23:59:00Z"), null));
  }

  @ParameterizedTest
  @MethodSource("offsets")
  void roundTripsThroughTheConnectOffsetMap(UnitOffset offset) {
    assertThat(UnitOffset.fromMap(offset.toMap())).isEqualTo(offset);
  }

  /** What Connect's JSON offset store gives back: every integer as a Long. */
  @Test
  void readsIntegersStoredAsLongs() {
    UnitOffset o = UnitOffset.fromMap(Map.of("v", 1L, "wm", WM_MS, "vwm", VWM_MS));

    assertThat(o.watermark()).isEqualTo(WM);
    assertThat(o.verifiedWatermark()).isEqualTo(VWM);
  }

  /** What the REST API's JSON gives for a small number: an Integer. */
  @Test
  void readsAWatermarkThatFitsAnInteger() {
    assertThat(UnitOffset.fromMap(Map.of("v", 1, "wm", 60_000)).watermark())
        .isEqualTo(Instant.ofEpochSecond(60));
  }

  @Test
  void aMissingVerifiedWatermarkIsNull() {
    assertThat(UnitOffset.fromMap(Map.of("v", 1, "wm", WM_MS)).verifiedWatermark()).isNull();
  }

  @Test
  void aNullVerifiedWatermarkIsTheSameAsNone() {
    Map<String, Object> m = new HashMap<>(Map.of("v", 1, "wm", WM_MS));
    m.put("vwm", null);

    assertThat(UnitOffset.fromMap(m)).isEqualTo(new UnitOffset(WM, null));
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // absent or old-format: no version
        Arguments.of(
            Map.of(),
            "offset version 'v' must be 1 but is null; write offsets as"
                + " {\"v\":1,\"wm\":<epoch millis of the last row sent>}"),
        Arguments.of(Map.of("wm", WM_MS), "offset version 'v' must be 1 but is null"),
        Arguments.of(
            Map.of("watermark", "2015-01-01T00:06:00Z"),
            "offset version 'v' must be 1 but is null"),
        // another version
        Arguments.of(Map.of("v", 0, "wm", WM_MS), "offset version 'v' must be 1 but is 0"),
        Arguments.of(Map.of("v", 2, "wm", WM_MS), "offset version 'v' must be 1 but is 2"),
        Arguments.of(Map.of("v", "1", "wm", WM_MS), "offset version 'v' must be 1 but is 1;"),
        // watermark missing or garbled
        Arguments.of(
            Map.of("v", 1), "offset field 'wm' (epoch millis of the last row sent) is missing"),
        Arguments.of(
            Map.of("v", 1, "vwm", VWM_MS),
            "offset field 'wm' (epoch millis of the last row sent) is missing"),
        Arguments.of(
            Map.of("v", 1, "wm", String.valueOf(WM_MS)),
            "offset field 'wm' must be an integer (epoch millis), not 1420070760000"),
        Arguments.of(
            Map.of("v", 1, "wm", (double) WM_MS),
            "offset field 'wm' must be an integer (epoch millis), not 1.42007076E12"),
        Arguments.of(
            Map.of("v", 1, "wm", WM_MS + 1),
            "offset field 'wm' must fall on a whole minute (NOAA times are minutes), got"
                + " 2015-01-01T00:06:00.001Z"),
        Arguments.of(
            Map.of("v", 1, "wm", WM_MS + 59_999),
            "offset field 'wm' must fall on a whole minute (NOAA times are minutes), got"
                + " 2015-01-01T00:06:59.999Z"),
        // verified watermark garbled
        Arguments.of(
            Map.of("v", 1, "wm", WM_MS, "vwm", "yesterday"),
            "offset field 'vwm' must be an integer (epoch millis), not yesterday"),
        Arguments.of(
            Map.of("v", 1, "wm", WM_MS, "vwm", VWM_MS + 30_000),
            "offset field 'vwm' must fall on a whole minute (NOAA times are minutes), got"
                + " 2014-12-31T23:00:30Z"),
        // fields this version does not know
        Arguments.of(Map.of("v", 1, "wm", WM_MS, "next", WM_MS), "unknown offset field 'next'"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void rejectsOffsetsItCannotTrustNamingTheField(Map<String, ?> stored, String message) {
    assertThatThrownBy(() -> UnitOffset.fromMap(stored))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  /** A version that only truncates to 1 is not version 1: the offset was garbled. */
  @ParameterizedTest
  @MethodSource("almostOne")
  void rejectsAVersionThatIsOnlyOneWhenTruncated(Object version) {
    assertThatThrownBy(() -> UnitOffset.fromMap(Map.of("v", version, "wm", WM_MS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("offset version 'v' must be 1 but is " + version + ";");
  }

  static Stream<Object> almostOne() {
    return Stream.of(1.5d, 1.9f, (1L << 32) + 1);
  }

  static Stream<Arguments> partitions() {
    return Stream.of(
        Arguments.of(Map.of("station", "9447130", "product", "water_level", "datum", "MLLW")),
        Arguments.of(Map.of("station", "9447130", "product", "wind", "interval", "h")),
        Arguments.of(
            Map.of(
                "station",
                "8454000",
                "product",
                "predictions",
                "datum",
                "MLLW",
                "interval",
                "hilo")),
        Arguments.of(Map.of("station", "ABCDE", "product", "air_temperature")),
        Arguments.of(Map.of("station", "123456789012", "product", "humidity")));
  }

  @ParameterizedTest
  @MethodSource("partitions")
  void acceptsThePartitionsUnitsWrite(Map<String, ?> partition) {
    UnitOffset.checkPartition(partition);
  }

  static Stream<Arguments> badPartitions() {
    String stationFix = "partition needs 'station' as a NOAA station id string, got ";
    String productFix = "partition needs 'product' as one of ";
    String fieldFix =
        "; partitions have station, product and, where the product takes them,"
            + " datum and interval";
    Map<String, Object> nullDatum = new LinkedHashMap<>();
    nullDatum.put("station", "9447130");
    nullDatum.put("product", "water_level");
    nullDatum.put("datum", null);
    return Stream.of(
        Arguments.of(Map.of("product", "wind"), stationFix + "null"),
        Arguments.of(Map.of("station", 9447130, "product", "wind"), stationFix + "9447130"),
        Arguments.of(Map.of("station", "1234", "product", "wind"), stationFix + "1234"),
        Arguments.of(
            Map.of("station", "1234567890123", "product", "wind"), stationFix + "1234567890123"),
        Arguments.of(Map.of("station", "94471-30", "product", "wind"), stationFix + "94471-30"),
        Arguments.of(Map.of("station", "9447130"), productFix),
        Arguments.of(Map.of("station", "9447130", "product", "tides"), productFix),
        Arguments.of(Map.of("station", "9447130", "product", List.of("wind")), productFix),
        Arguments.of(
            Map.of("station", "9447130", "product", "wind", "units", "metric"),
            "unknown or non-string partition field 'units'" + fieldFix),
        Arguments.of(
            Map.of("station", "9447130", "product", "wind", "interval", 6),
            "unknown or non-string partition field 'interval'" + fieldFix),
        Arguments.of(nullDatum, "unknown or non-string partition field 'datum'" + fieldFix));
  }

  @ParameterizedTest
  @MethodSource("badPartitions")
  void rejectsPartitionsNamingTheFieldAndWhatItMustBe(Map<String, ?> partition, String message) {
    assertThatThrownBy(() -> UnitOffset.checkPartition(partition))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aWrongProductNamesEveryProduct() {
    assertThatThrownBy(
            () -> UnitOffset.checkPartition(Map.of("station", "9447130", "product", "tides")))
        .hasMessageContaining("water_level")
        .hasMessageContaining("air_gap")
        .hasMessageEndingWith(", got tides");
  }
}
