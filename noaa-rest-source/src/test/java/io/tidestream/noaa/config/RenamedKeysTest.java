package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class RenamedKeysTest {

  @Test
  void anIsoValueIsConvertedForTheUserAndOtherValuesGetAPlaceholder() {
    assertThat(RenamedKeys.message("noaa.ban.cooldown", "noaa.ban.cooldown.ms", "PT15M"))
        .isEqualTo(
            "noaa.ban.cooldown was renamed to noaa.ban.cooldown.ms and now takes "
                + "milliseconds: replace noaa.ban.cooldown=PT15M with noaa.ban.cooldown.ms=900000");
    assertThat(RenamedKeys.message("noaa.lateness", "noaa.lateness.ms", "3h"))
        .endsWith("with noaa.lateness.ms=<milliseconds>");
  }

  @Test
  void onlyOldKeysThatArePresentAreReportedEachOnItsOwnKey() {
    Map<String, String> props =
        Map.of("noaa.lateness", "PT1H", "noaa.revisions.window", "P45D", "noaa.lateness.ms", "5");
    Map<String, ConfigValue> values = new HashMap<>();
    RenamedKeys.check(props, values);
    assertThat(values).containsOnlyKeys("noaa.lateness", "noaa.revisions.window");
    assertThat(values.get("noaa.revisions.window").errorMessages())
        .singleElement()
        .asString()
        .endsWith("noaa.revisions.window.ms=3888000000");
    assertThat(RenamedKeys.summary(props))
        .contains("noaa.lateness was renamed")
        .contains("; noaa.revisions.window was renamed");
    assertThat(RenamedKeys.summary(Map.of("noaa.lateness.ms", "5"))).isNull();
  }
}
