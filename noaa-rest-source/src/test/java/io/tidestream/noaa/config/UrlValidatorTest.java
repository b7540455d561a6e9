package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlValidatorTest {

  private final UrlValidator validator = new UrlValidator();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.tidesandcurrents.noaa.gov/api/prod/datagetter",
        "http://127.0.0.1:18080/api/prod/datagetter",
        " http://localhost:8080 ",
        "HTTPS://EXAMPLE.ORG/",
        "http://[::1]:8080/mdapi"
      })
  void acceptsAbsoluteHttpAndHttpsUrls(String url) {
    assertThatCode(() -> validator.ensureValid("noaa.data.url", url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.org/data",
        "api.tidesandcurrents.noaa.gov/api",
        "/api/prod/datagetter",
        "http://",
        "http//example.org",
        "file:///tmp/noaa.json",
        "http://exa mple.org",
        ""
      })
  void rejectsWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> validator.ensureValid("noaa.metadata.url", url))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value "
                + url.trim()
                + " for configuration noaa.metadata.url:"
                + " Not an absolute http:// or https:// URL");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> validator.ensureValid("noaa.data.url", null))
        .hasMessage(
            "Invalid value  for configuration noaa.data.url:"
                + " Not an absolute http:// or https:// URL");
  }

  @Test
  void describesItselfForTheDocs() {
    assertThat(validator).hasToString("absolute http(s) URL");
  }
}
