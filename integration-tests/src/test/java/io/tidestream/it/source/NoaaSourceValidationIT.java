package io.tidestream.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.sim.NoaaSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code PUT /connector-plugins/<class>/config/validate} on a real worker, with the simulator as
 * NOAA's metadata API: each bad configuration gets one error, on the key to fix, saying what to do.
 */
@ExtendWith(StackExtension.class)
class NoaaSourceValidationIT {

  static final String PRUDHOE_BAY =
      "9497645"; // no water temperature, no NAVD88 datum in the simulator
  static final String SEATTLE = "9447130";

  static NoaaSimulator sim;
  static TestStack stack;

  @BeforeAll
  static void startSimulator(TestStack testStack) {
    stack = testStack;
    sim = NoaaSimulator.builder().port(0).seed(7).start();
  }

  @AfterAll
  static void stopSimulator() {
    if (sim != null) {
      sim.close();
    }
  }

  private Map<String, String> config(String stations, String products) {
    Map<String, String> config =
        Connectors.source(sim.baseUrl(), "noaa.${product}", stations, products, "P7D");
    config.put("name", stack.uniqueName("validate"));
    return config;
  }

  /** Errors per key, for the keys that have any. */
  private Map<String, List<String>> errors(Map<String, String> config) {
    JsonNode result = stack.connect().rest().validate(Connectors.SOURCE_CLASS, config);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (JsonNode c : result.path("configs")) {
      List<String> messages = new ArrayList<>();
      c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
      if (!messages.isEmpty()) {
        out.put(c.path("value").path("name").asText(), messages);
      }
    }
    assertThat(result.path("error_count").asInt())
        .as("error_count")
        .isEqualTo(out.values().stream().mapToInt(List::size).sum());
    return out;
  }

  @Test
  void aGoodConfigurationHasNoErrors() {
    assertThat(errors(config(Connectors.TALK_STATIONS, "water_level,predictions,wind"))).isEmpty();
  }

  @Test
  void unknownStationIsReportedOnTheStationsKeyWithItsId() {
    Map<String, List<String>> errors = errors(config(SEATTLE + ",9999999", "water_level"));

    assertThat(errors).containsOnlyKeys("noaa.stations");
    assertThat(errors.get("noaa.stations"))
        .singleElement()
        .asString()
        .contains("9999999")
        .contains("not a NOAA CO-OPS station")
        .doesNotContain(SEATTLE);
  }

  @Test
  void productTheStationDoesNotOfferIsReportedOnTheProductsKey() {
    // the simulator's list of water-temperature stations (stations.json?type=watertemp) has no
    // Prudhoe Bay
    Map<String, List<String>> errors =
        errors(config(PRUDHOE_BAY + "," + SEATTLE, "water_level,water_temperature"));

    assertThat(errors).containsOnlyKeys("noaa.products");
    assertThat(errors.get("noaa.products"))
        .singleElement()
        .asString()
        .contains(PRUDHOE_BAY)
        .contains("does not offer water_temperature")
        .contains("Remove water_temperature")
        .doesNotContain(SEATTLE);
  }

  @Test
  void datumTheStationLacksIsReportedOnTheDatumKeyWithTheDatumsItHas() {
    Map<String, String> config = config(PRUDHOE_BAY + "," + SEATTLE, "water_level,predictions");
    config.put("noaa.datum", "NAVD");

    Map<String, List<String>> errors = errors(config);

    assertThat(errors).containsOnlyKeys("noaa.datum");
    assertThat(errors.get("noaa.datum"))
        .singleElement()
        .asString()
        .contains(PRUDHOE_BAY)
        .contains("NAVD")
        .contains("MLLW")
        .doesNotContain(SEATTLE);
  }

  @Test
  void aKeyRenamedBeforeTheFirstReleaseIsReportedOnTheOldKeyWithTheNewOne() {
    Map<String, String> config = config(SEATTLE, "water_level");
    config.put("noaa.lateness", "PT1H");

    Map<String, List<String>> errors = errors(config);

    assertThat(errors).containsOnlyKeys("noaa.lateness");
    assertThat(errors.get("noaa.lateness"))
        .singleElement()
        .asString()
        .contains("noaa.lateness.ms")
        .contains("noaa.lateness.ms=3600000");
  }

  @Test
  void badDurationIsReportedOnItsKeyWithAnExample() {
    Map<String, String> config = config(SEATTLE, "water_level");
    config.put("noaa.safety.lag.ms", "3 minutes");
    config.put("noaa.start", "P7X");

    Map<String, List<String>> errors = errors(config);

    assertThat(errors).containsOnlyKeys("noaa.safety.lag.ms", "noaa.start");
    assertThat(errors.get("noaa.safety.lag.ms"))
        .singleElement()
        .asString()
        .contains("3 minutes")
        .contains("milliseconds")
        .contains("180000 for 3 minutes");
    assertThat(errors.get("noaa.start"))
        .singleElement()
        .asString()
        .contains("P7X")
        .contains("P30D");
  }
}
