package io.tidestream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.support.Http;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeterminismOverHttpTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void twoSimulatorsWithTheSameSeedServeIdenticalBytesForEveryProduct() {
    try (NoaaSimulator a = start(42, 3);
        NoaaSimulator b = start(42, 3)) {
      Http httpA = new Http(a.baseUrl());
      Http httpB = new Http(b.baseUrl());
      for (Product product : Product.values()) {
        for (String station : new String[] {"9447130", "8724580", "9900003"}) {
          String query =
              "station="
                  + station
                  + "&product="
                  + product.apiName()
                  + "&datum=MLLW&begin_date=20250401"
                  + "&end_date=20250402&format=json";
          String bodyA = httpA.data(query).body();
          assertThat(bodyA).as("%s %s", station, product).doesNotContain("error");
          assertThat(httpB.data(query).body()).as("%s %s", station, product).isEqualTo(bodyA);
        }
      }
    }
  }

  @Test
  void anotherSeedServesOtherValuesButTheSameTimestamps() {
    try (NoaaSimulator a = start(42, 0);
        NoaaSimulator b = start(43, 0)) {
      String query =
          "station=9447130&product=water_level&datum=MLLW&begin_date=20250401&end_date=20250401&format=json";
      var rowsA = Http.json(new Http(a.baseUrl()).data(query).body()).get("data");
      var rowsB = Http.json(new Http(b.baseUrl()).data(query).body()).get("data");

      assertThat(rowsA.findValuesAsText("t")).isEqualTo(rowsB.findValuesAsText("t"));
      assertThat(rowsA.findValuesAsText("v")).isNotEqualTo(rowsB.findValuesAsText("v"));
    }
  }

  private static NoaaSimulator start(long seed, int extraStations) {
    return NoaaSimulator.builder()
        .port(0)
        .seed(seed)
        .extraStations(extraStations)
        .clock(SimulatorClock.pinned(NOW))
        .start();
  }
}
