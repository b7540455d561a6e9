package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.noaa.api.NoaaProduct;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTemplateValidatorTest {

  private static final String FIX =
      "Not a legal topic name (letters, digits, '.', '_', '-';"
          + " '${product}' is replaced by the product name)";

  private final TopicTemplateValidator required = new TopicTemplateValidator(false);
  private final TopicTemplateValidator optional = new TopicTemplateValidator(true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noaa.${product}",
        "noaa",
        "${product}",
        "a-b_c.D9",
        " noaa.${product} ",
        "${product}.${product}"
      })
  void acceptsLegalTopicNamesWithOrWithoutTheProduct(String topic) {
    assertThatCode(() -> required.ensureValid("topic", topic)).doesNotThrowAnyException();
    assertThatCode(() -> optional.ensureValid("topic", topic)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noaa ${product}",
        "noaa/${product}",
        "noaa.${Product}",
        "noaa.{product}",
        "noaa.$product",
        "noaa:errors",
        "noäa"
      })
  void rejectsIllegalCharactersNamingTheKeyAndTheRule(String topic) {
    assertThatThrownBy(() -> required.ensureValid("noaa.errors.topic", topic))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value " + topic + " for configuration noaa.errors.topic: " + FIX);
  }

  @Test
  void anEmptyTopicIsAllowedOnlyWhereItMeansNone() {
    assertThatCode(() -> optional.ensureValid("noaa.errors.topic", "")).doesNotThrowAnyException();
    assertThatCode(() -> optional.ensureValid("noaa.errors.topic", "  "))
        .doesNotThrowAnyException();
    assertThatCode(() -> optional.ensureValid("noaa.errors.topic", null))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> required.ensureValid("topic", ""))
        .hasMessage("Invalid value  for configuration topic: " + FIX);
    assertThatThrownBy(() -> required.ensureValid("topic", null))
        .hasMessage("Invalid value  for configuration topic: " + FIX);
  }

  @Test
  void aTopicNameMayBeUpTo249Characters() {
    String longest = "t".repeat(249);
    assertThatCode(() -> required.ensureValid("topic", longest)).doesNotThrowAnyException();
    assertThatThrownBy(() -> required.ensureValid("topic", longest + "t"))
        .hasMessage("Invalid value " + longest + "t for configuration topic: " + FIX);
  }

  /** Kafka refuses "." and ".." as topic names although their characters are legal. */
  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsTheTopicNamesKafkaReserves(String topic) {
    assertThatThrownBy(() -> required.ensureValid("topic", topic))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value " + topic + " for configuration topic: " + FIX);
  }

  /**
   * The template is checked as rendered for the product with the longest name
   * (one_minute_water_level, 22).
   */
  @Test
  void aTemplateMustStayWithin249CharactersForEveryProduct() {
    String fits = "t".repeat(249 - "one_minute_water_level".length()) + "${product}";
    assertThatCode(() -> required.ensureValid("topic", fits)).doesNotThrowAnyException();
    for (NoaaProduct product : NoaaProduct.values()) {
      assertThat(TopicTemplateValidator.render(fits, product.apiName()))
          .hasSizeLessThanOrEqualTo(249);
    }
    String tooLongForOneProduct = "t" + fits;
    assertThatThrownBy(() -> required.ensureValid("topic", tooLongForOneProduct))
        .hasMessage("Invalid value " + tooLongForOneProduct + " for configuration topic: " + FIX);
  }

  @Test
  void rendersTheProductIntoEveryPlaceholder() {
    assertThat(TopicTemplateValidator.render("noaa.${product}", "water_level"))
        .isEqualTo("noaa.water_level");
    assertThat(TopicTemplateValidator.render("${product}.${product}", "wind"))
        .isEqualTo("wind.wind");
    assertThat(TopicTemplateValidator.render("noaa", "wind")).isEqualTo("noaa");
  }

  @Test
  void describesItselfForTheDocs() {
    assertThat(required).hasToString("topic name, may contain ${product}");
  }
}
