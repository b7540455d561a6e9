package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "Key West",
        "\u007f",
        "\u0080",
        "é",
        "\u07ff",
        "\u0800",
        "潮位",
        "\uffff",
        "\uD83C\uDF0A",
        "Sète 潮 \uD83C\uDF0A!",
        "\uD800\uDC00",
        "\uDBFF\uDFFF"
      })
  void countsWhatJavaEncodes(String text) {
    assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void countsEachEncodingWidth() {
    assertThat(Utf8.length("a")).isEqualTo(1);
    assertThat(Utf8.length("\u007f")).isEqualTo(1);
    assertThat(Utf8.length("\u0080")).isEqualTo(2);
    assertThat(Utf8.length("\u07ff")).isEqualTo(2);
    assertThat(Utf8.length("\u0800")).isEqualTo(3);
    assertThat(Utf8.length("\uD83C\uDF0A")).isEqualTo(4);
  }

  /** An unpaired surrogate is counted as the 3 bytes of a replacement character. */
  @Test
  void countsAnUnpairedSurrogateAsThreeBytes() {
    assertThat(Utf8.length("\uD83C")).isEqualTo(3);
    assertThat(Utf8.length("\uDF0A")).isEqualTo(3);
    assertThat(Utf8.length("a\uD83C")).isEqualTo(4);
    assertThat(Utf8.length("\uD83Cb")).isEqualTo(4);
    assertThat(Utf8.length("\uDF0A\uD83C")).isEqualTo(6);
    assertThat(Utf8.length("\uD83C\uD83C\uDF0A")).isEqualTo(7);
  }

  @Test
  void countsLongTextWithoutOverflow() {
    assertThat(Utf8.length("潮".repeat(1_000_000))).isEqualTo(3_000_000L);
  }

  @Test
  void sizesTextAndBytesOnly() {
    assertThat(Utf8.sizeOf("Sète")).isEqualTo(5);
    assertThat(Utf8.sizeOf(new StringBuilder("ab"))).isEqualTo(2);
    assertThat(Utf8.sizeOf(new byte[7])).isEqualTo(7);
    assertThat(Utf8.sizeOf(new byte[0])).isEqualTo(0);
    assertThat(Utf8.sizeOf(42)).isEqualTo(-1);
    assertThat(Utf8.sizeOf(null)).isEqualTo(-1);
  }
}
