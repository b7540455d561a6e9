package io.tidestream.noaa.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.NoaaProduct;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitIdTest {

  @Test
  void partitionsKeepDatumAndIntervalOnlyWhereTheProductTakesThem() {
    assertThat(UnitId.of("9447130", NoaaProduct.WATER_LEVEL, "MLLW", "6", "6").partition())
        .isEqualTo(Map.of("station", "9447130", "product", "water_level", "datum", "MLLW"));
    assertThat(UnitId.of("9447130", NoaaProduct.WIND, "MLLW", "hilo", "h").partition())
        .isEqualTo(Map.of("station", "9447130", "product", "wind", "interval", "h"));
    assertThat(UnitId.of("9447130", NoaaProduct.PREDICTIONS, "MLLW", "hilo", "6").partition())
        .isEqualTo(
            Map.of(
                "station",
                "9447130",
                "product",
                "predictions",
                "datum",
                "MLLW",
                "interval",
                "hilo"));
  }

  @Test
  void keyRoundTripsAndCadenceFollowsTheInterval() {
    UnitId wind = UnitId.of("9447130", NoaaProduct.WIND, "MLLW", "6", "h");
    assertThat(UnitId.parseKey(wind.key())).isEqualTo(wind);
    assertThat(wind.cadence()).isEqualTo(Duration.ofHours(1));
    assertThat(wind.maxSpan()).isEqualTo(Duration.ofDays(365));
    UnitId wl = UnitId.of("9447130", NoaaProduct.WATER_LEVEL, "MLLW", "6", "6");
    assertThat(UnitId.parseKey(wl.key())).isEqualTo(wl);
    assertThat(wl.cadence()).isEqualTo(Duration.ofMinutes(6));
    assertThat(wl.maxSpan()).isEqualTo(Duration.ofDays(31));
  }
}
