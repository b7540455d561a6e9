package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

  private final JsonText json = new JsonText(new ObjectMapper());

  @Test
  void parsesAnObjectKeepingNestedValues() throws Exception {
    Map<String, Object> m =
        json.parseObject(
            "{\"station_id\":\"9447130\",\"v\":0.312,\"n\":3,\"f\":[\"\"],\"m\":{\"x\":null}}");

    assertThat(m)
        .containsEntry("station_id", "9447130")
        .containsEntry("v", 0.312)
        .containsEntry("n", 3)
        .containsEntry("f", List.of(""));
    assertThat(m.get("m")).isEqualTo(Collections.singletonMap("x", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "  {}  ", "\n\t{\"a\":1}\r\n"})
  void skipsWhitespaceAroundTheObject(String text) throws Exception {
    assertThat(json.parseObject(text)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t", "\uFEFF", "\uFEFF  "})
  void anEmptyValueIsNotJson(String text) {
    assertThatThrownBy(() -> json.parseObject(text))
        .isInstanceOf(JsonText.NotJsonException.class)
        .hasMessage("value is an empty string, not a JSON object");
  }

  @Test
  void anHtmlPageIsNamed() {
    assertThatThrownBy(() -> json.parseObject("  <html><body>502 Bad Gateway</body></html>"))
        .isInstanceOf(JsonText.NotJsonException.class)
        .hasMessage(
            "value is not JSON: it starts with '<' (an HTML or XML page, e.g. an HTTP error page)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"[1,2]; [", "\"text\"; \"", "42; 4", "null; n", "water_level; w"})
  void otherJsonIsNotAnObjectAndTheFirstCharacterIsNamed(String text, String first) {
    assertThatThrownBy(() -> json.parseObject(text))
        .isInstanceOf(JsonText.NotJsonException.class)
        .hasMessage("value is not a JSON object: it starts with '" + first + "'");
  }

  @Test
  void aControlCharacterIsNamedByItsCode() {
    assertThatThrownBy(() -> json.parseObject("\u0000{}"))
        .hasMessage("value is not a JSON object: it starts with '\\u0'");
    assertThatThrownBy(() -> json.parseObject("\u0007{}"))
        .hasMessage("value is not a JSON object: it starts with '\\u7'");
  }

  @Test
  void truncatedJsonSaysWhereItStopped() {
    assertThatThrownBy(() -> json.parseObject("{\"a\":1,\n\"b\":"))
        .isInstanceOf(JsonText.NotJsonException.class)
        .message()
        .startsWith("value is not valid JSON: ")
        .contains(" at line 2, column ");
  }

  @Test
  void trailingContentIsRejected() {
    assertThatThrownBy(() -> json.parseObject("{\"a\":1} {\"b\":2}"))
        .isInstanceOf(JsonText.NotJsonException.class)
        .message()
        .startsWith("value is not valid JSON: Trailing token")
        .endsWith(" at line 1, column 9");
  }

  @Test
  void goingBeyondAParserLimitIsTooLargeNotInvalid() {
    String deep = "{\"a\":".repeat(1_100) + "1" + "}".repeat(1_100);

    assertThatThrownBy(() -> json.parseObject(deep))
        .isInstanceOf(JsonText.TooLargeException.class)
        .message()
        .startsWith("the value exceeds a limit of the JSON parser: ")
        .contains("nesting depth");
  }

  @Test
  void aStringLongerThanTheParserAllowsIsTooLarge() {
    ObjectMapper small = new ObjectMapper();
    small
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(10).build());
    JsonText limited = new JsonText(small);

    assertThatThrownBy(() -> limited.parseObject("{\"a\":\"" + "x".repeat(100) + "\"}"))
        .isInstanceOf(JsonText.TooLargeException.class)
        .message()
        .startsWith("the value exceeds a limit of the JSON parser: String value length")
        .doesNotContain("xxxxxxxxxx");
  }

  @Test
  void findsTheLimitBehindWrappingExceptions() {
    StreamConstraintsException limit = new StreamConstraintsException("too deep");
    IOException wrapped = new IOException("outer", new RuntimeException("middle", limit));

    assertThat(JsonText.limitOf(limit)).isSameAs(limit);
    assertThat(JsonText.limitOf(wrapped)).isSameAs(limit);
    assertThat(JsonText.limitOf(new IOException("no limit"))).isNull();
    assertThat(JsonText.limitOf(null)).isNull();
  }

  @Test
  void exceptionsCarryNoStackTraceToKeepHeadersCheap() {
    assertThatThrownBy(() -> json.parseObject("x"))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }
}
