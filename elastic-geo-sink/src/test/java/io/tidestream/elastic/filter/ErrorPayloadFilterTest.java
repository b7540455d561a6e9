package io.tidestream.elastic.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorPayloadFilterTest {

  @Test
  void defaultRecognisesNoaaErrorJson() {
    ErrorPayloadFilter filter =
        new ErrorPayloadFilter(List.of(ErrorPredicate.parse("exists:error")));
    assertThat(filter.match(Map.of("error", Map.of("message", "No data was found.")))).isNotNull();
    assertThat(filter.match(Map.of("station_id", "8724580", "value", 0.3))).isNull();
  }

  @Test
  void equalsAndMatchesLookAtDottedPaths() {
    ErrorPayloadFilter filter =
        new ErrorPayloadFilter(
            List.of(
                ErrorPredicate.parse("equals:status=error"),
                ErrorPredicate.parse("matches:error.message=No data.*")));
    assertThat(filter.match(Map.of("status", "error")).describe()).isEqualTo("equals:status=error");
    assertThat(filter.match(Map.of("status", "ok"))).isNull();
    assertThat(filter.match(Map.of("error", Map.of("message", "No data was found")))).isNotNull();
    assertThat(filter.match(Map.of("error", Map.of("message", "Wrong station ID")))).isNull();
  }

  @Test
  void badPredicatesSayHowToWriteThem() {
    assertThatThrownBy(() -> ErrorPredicate.parse("error")).hasMessageContaining("exists:<path>");
    assertThatThrownBy(() -> ErrorPredicate.parse("equals:status"))
        .hasMessageContaining("needs '='");
    assertThatThrownBy(() -> ErrorPredicate.parse("matches:a=("))
        .hasMessageContaining("invalid regex");
    assertThatThrownBy(() -> ErrorPredicate.parse("contains:a=b"))
        .hasMessageContaining("unknown kind 'contains'");
  }
}
