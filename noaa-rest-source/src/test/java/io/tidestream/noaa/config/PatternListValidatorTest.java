package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternListValidatorTest {

  private final PatternListValidator stations =
      new PatternListValidator("[A-Za-z0-9]{5,12}", "a NOAA station id such as 8454000");

  @Test
  void acceptsAListWhoseElementsAllMatch() {
    assertThatCode(
            () ->
                stations.ensureValid(
                    "noaa.stations", List.of("8454000", "9447130", "TPT2853", "123456789012")))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAnEmptyList() {
    assertThatCode(() -> stations.ensureValid("noaa.stations", List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void trimsElementsBeforeMatching() {
    assertThatCode(() -> stations.ensureValid("noaa.stations", List.of(" 8454000 ")))
        .doesNotThrowAnyException();
  }

  /** Type checks are ConfigDef's: anything that is not a list is left to it. */
  @Test
  void leavesValuesThatAreNotListsToConfigDef() {
    assertThatCode(() -> stations.ensureValid("noaa.stations", "not a list"))
        .doesNotThrowAnyException();
    assertThatCode(() -> stations.ensureValid("noaa.stations", null)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234", "1234567890123", "8454-000", "8454000,9447130", "", "é8454000"})
  void rejectsTheFirstElementThatDoesNotMatch(String bad) {
    assertThatThrownBy(() -> stations.ensureValid("noaa.stations", List.of("8454000", bad, "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value "
                + bad
                + " for configuration noaa.stations: '"
                + bad
                + "' is not a NOAA station id such as 8454000");
  }

  @Test
  void namesANullElement() {
    assertThatThrownBy(() -> stations.ensureValid("noaa.stations", Arrays.asList("8454000", null)))
        .hasMessage(
            "Invalid value null for configuration noaa.stations:"
                + " 'null' is not a NOAA station id such as 8454000");
  }

  @Test
  void describesItselfForTheDocs() {
    assertThat(stations).hasToString("list of a NOAA station id such as 8454000");
  }
}
