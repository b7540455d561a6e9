package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StartValidatorTest {

  private static final String FIX =
      ". Write an instant (2025-01-01T00:00:00Z), a UTC date"
          + " (2025-01-01) or a duration back from now (P30D, PT12H)";
  private static final Instant NOW = Instant.parse("2025-06-15T12:34:56Z");

  private final StartValidator validator = new StartValidator();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:00:00.5Z",
        "2025-01-01",
        " 2025-01-01 ",
        "P30D",
        "PT12H",
        "pt1m",
        "PT0.001S",
        "P1DT1H"
      })
  void acceptsInstantsDatesAndPositiveDurations(String start) {
    assertThatCode(() -> validator.ensureValid("noaa.start", start)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "P0D", "P-1D", "PT-1M"})
  void rejectsADurationThatIsNotPositive(String start) {
    assertThatThrownBy(() -> validator.ensureValid("noaa.start", start))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value "
                + start
                + " for configuration noaa.start:"
                + " The duration must be positive"
                + FIX);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "P1M",
        "P",
        "2025-13-01",
        "2025-1-1",
        "20250101",
        "2025-01-01T00:00:00",
        "1735689600",
        "",
        "-P1D"
      })
  void rejectsWhatIsNotAStartTime(String start) {
    assertThatThrownBy(() -> validator.ensureValid("noaa.start", start))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value " + start + " for configuration noaa.start: Not a start time" + FIX);
  }

  @ParameterizedTest
  @NullSource
  void rejectsNull(String start) {
    assertThatThrownBy(() -> validator.ensureValid("noaa.start", start))
        .hasMessage("Invalid value null for configuration noaa.start: Not a start time" + FIX);
  }

  @Test
  void namesTheTrimmedValue() {
    assertThatThrownBy(() -> validator.ensureValid("noaa.start", "  soon "))
        .hasMessageStartingWith("Invalid value soon for configuration noaa.start:");
  }

  @ParameterizedTest
  @CsvSource({
    "2025-01-01T00:00:00Z, 2025-01-01T00:00:00Z",
    "2025-01-01T06:30:00+02:00, 2025-01-01T04:30:00Z",
    "2025-01-01, 2025-01-01T00:00:00Z",
    "' 2024-02-29 ', 2024-02-29T00:00:00Z",
    "P30D, 2025-05-16T12:34:56Z",
    "PT12H, 2025-06-15T00:34:56Z",
    "p1d, 2025-06-14T12:34:56Z",
    "PT1M, 2025-06-15T12:33:56Z"
  })
  void resolvesAgainstNow(String start, Instant expected) {
    assertThat(StartValidator.resolve(start, NOW)).isEqualTo(expected);
  }

  @Test
  void describesItselfForTheDocs() {
    assertThat(validator).hasToString("instant, UTC date or ISO-8601 duration back from now");
  }
}
