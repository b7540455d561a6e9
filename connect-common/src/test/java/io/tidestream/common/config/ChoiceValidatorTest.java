package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ChoiceValidatorTest {

  enum Action { DEAD_LETTER, IGNORE }

  @Test
  void acceptsEnumChoicesCaseInsensitivelyAndRecommendsThem() {
    ChoiceValidator validator = ChoiceValidator.of(Action.class);
    validator.ensureValid("k", "Dead-Letter");
    assertThat(validator.validValues("k", Map.of())).containsExactly("dead-letter", "ignore");
    assertThat(ChoiceValidator.toEnum(Action.class, "dead-letter")).isEqualTo(Action.DEAD_LETTER);
    assertThatThrownBy(() -> validator.ensureValid("k", "drop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[dead-letter, ignore]");
  }
}
