package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.noaa.api.NoaaProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoaaSourceConfigTest {

  static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, "8454000,9447130");
    return p;
  }

  @Test
  void defaultsArePoliteAndTyped() {
    NoaaSourceConfig c = new NoaaSourceConfig(minimal());
    assertThat(c.stations()).containsExactly("8454000", "9447130");
    assertThat(c.products()).containsExactly(NoaaProduct.WATER_LEVEL);
    assertThat(c.datum()).isEqualTo("MLLW");
    assertThat(c.units()).isEqualTo("metric");
    assertThat(c.requestsPerSecond()).isEqualTo(1.0);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.dataUrl()).isEqualTo("https://api.tidesandcurrents.noaa.gov/api/prod/datagetter");
    assertThat(c.topicFor(NoaaProduct.WIND)).isEqualTo("noaa.wind");
    assertThat(c.errorsTopic()).isEmpty();
    assertThat(c.revisionsWindow()).isZero();
    assertThat(c.predictionsHorizon()).isEqualTo(Duration.ofDays(2));
    assertThat(c.malformedRowAction()).isEqualTo(MalformedRowAction.REPORT);
  }

  @Test
  void malformedRowsFailTheTaskOnlyWhenAskedAndErrorsToleranceDoesNotDecide() {
    Map<String, String> p = minimal();
    p.put("errors.tolerance", "none");
    assertThat(new NoaaSourceConfig(p).malformedRowAction()).isEqualTo(MalformedRowAction.REPORT);
    p.put(NoaaSourceConfig.MALFORMED_ROWS_ACTION, "FAIL");
    p.put("errors.tolerance", "all");
    assertThat(new NoaaSourceConfig(p).malformedRowAction()).isEqualTo(MalformedRowAction.FAIL);
  }

  @Test
  void startAcceptsDurationInstantAndDate() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    Map<String, String> p = minimal();
    p.put(NoaaSourceConfig.START, "P30D");
    assertThat(new NoaaSourceConfig(p).start(now)).isEqualTo(Instant.parse("2026-01-30T12:00:00Z"));
    p.put(NoaaSourceConfig.START, "2025-06-01T06:30:00Z");
    assertThat(new NoaaSourceConfig(p).start(now)).isEqualTo(Instant.parse("2025-06-01T06:30:00Z"));
    p.put(NoaaSourceConfig.START, "2025-06-01");
    assertThat(new NoaaSourceConfig(p).start(now)).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
  }

  @Test
  void datumAndUnitsAreCanonicalisedForNoaa() {
    Map<String, String> p = minimal();
    p.put(NoaaSourceConfig.DATUM, "navd");
    p.put(NoaaSourceConfig.UNITS, "English");
    NoaaSourceConfig c = new NoaaSourceConfig(p);
    assertThat(c.datum()).isEqualTo("NAVD");
    assertThat(c.units()).isEqualTo("english");
  }

  @Test
  void durationsAreMillisecondsLikeKafkasExceptTheStartPoint() {
    for (ConfigDef.ConfigKey key : NoaaSourceConfig.configDef().configKeys().values()) {
      boolean iso = key.defaultValue instanceof String text && isIsoDuration(text);
      if (key.name.equals(NoaaSourceConfig.START)) {
        assertThat(iso)
            .as("noaa.start is a point in time, written P7D, a date or an instant")
            .isTrue();
        continue;
      }
      assertThat(iso)
          .as(key.name + " holds an ISO-8601 duration; durations are *.ms longs")
          .isFalse();
      if (key.name.endsWith(".ms")) {
        assertThat(key.type).as(key.name).isEqualTo(ConfigDef.Type.LONG);
        assertThat(key.validator).as(key.name + " needs a range").isNotNull();
      }
    }
  }

  @Test
  void everyRenamedKeyPointsAtADefinedMillisecondsKeyAndIsNoLongerDefined() {
    ConfigDef def = NoaaSourceConfig.configDef();
    assertThat(RenamedKeys.OLD_TO_NEW).hasSize(13);
    RenamedKeys.OLD_TO_NEW.forEach(
        (old, renamed) -> {
          assertThat(def.configKeys()).as(old).doesNotContainKey(old).containsKey(renamed);
          assertThat(renamed).isEqualTo(old + ".ms");
        });
  }

  @Test
  void durationGettersReadMilliseconds() {
    Map<String, String> p = minimal();
    p.put(NoaaSourceConfig.SAFETY_LAG, "0");
    p.put(NoaaSourceConfig.REVISIONS_WINDOW, "3888000000");
    p.put(NoaaSourceConfig.BAN_COOLDOWN, "60000");
    NoaaSourceConfig c = new NoaaSourceConfig(p);
    assertThat(c.safetyLag()).isZero();
    assertThat(c.revisionsWindow()).isEqualTo(Duration.ofDays(45));
    assertThat(c.banCooldown()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.banCooldownMax()).isEqualTo(Duration.ofHours(6));
    assertThat(c.lateness()).isEqualTo(Duration.ofHours(3));
    assertThat(c.quarantineRecheck()).isEqualTo(Duration.ofDays(1));
    assertThat(c.discoverInterval()).isEqualTo(Duration.ofDays(1));
    assertThat(c.backoffInitial()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.backoffMax()).isEqualTo(Duration.ofMinutes(5));
  }

  private static boolean isIsoDuration(String text) {
    try {
      Duration.parse(text.trim());
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "noaa.start|thirty days|Not a start time",
        "noaa.start|P-3D|positive",
        "noaa.lateness.ms|6 hours|Not a number of type LONG",
        "noaa.lateness.ms|-1|Value must be at least 0",
        "noaa.revisions.interval.ms|1000|Value must be at least 60000",
        "noaa.products|water_level,tides|'tides' is not one of",
        "noaa.products|Water_Level|did you mean 'water_level'",
        "noaa.datum|MLWW|must be one of",
        "noaa.units|imperial|must be one of",
        "noaa.stations|8454000,84-54|is not a NOAA station id",
        "topic|noaa/${product}|Not a legal topic name",
        "noaa.requests.per.second|50|Value must be no more than 10",
        "noaa.data.url|ftp//noaa|Not an absolute http",
        "noaa.stations.discover.type|buoys|'buoys' is not one of",
        "noaa.stations.discover.state|Washington|two-letter",
        "noaa.malformed.rows.action|skip|must be one of [report, fail]",
      })
  void badValuesAreRejectedWithActionableMessages(String key, String value, String message) {
    Map<String, String> p = minimal();
    p.put(key, value);
    assertThatThrownBy(() -> new NoaaSourceConfig(p))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(message);
  }
}
