package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordTimeTest {

  /** 2015-01-01T00:06:00Z */
  private static final long T = 1_420_070_760_000L;

  private static final long KAFKA_TS = 1_700_000_000_000L;

  private final RecordTime byField = new RecordTime(DottedPath.parse("metadata.t"));

  private static Map<String, Object> at(Object t) {
    return Map.of("metadata", Map.of("t", t));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "2015-01-01T00:06:00Z; 1420070760000",
        "2015-01-01T00:06:00.123Z; 1420070760123",
        "2015-01-01T02:06:00+02:00; 1420070760000",
        "2014-12-31T19:06:00-05:00; 1420070760000",
        "2015-01-01T02:06+02:00; 1420070760000",
        "2015-01-01T00:06:00; 1420070760000",
        "2015-01-01T00:06; 1420070760000",
        "2015-01-01 00:06; 1420070760000",
        "'  2015-01-01 00:06 '; 1420070760000",
        "1970-01-01T00:00:00Z; 0"
      })
  void readsTheTextFormsOfATime(String text, long expected) {
    assertThat(byField.millis(at(text), KAFKA_TS)).isEqualTo(expected);
  }

  @Test
  void readsDatesAndNumbersAsEpochMillis() {
    assertThat(byField.millis(at(new Date(T)), KAFKA_TS)).isEqualTo(T);
    assertThat(byField.millis(at(T), KAFKA_TS)).isEqualTo(T);
    assertThat(byField.millis(at(42), KAFKA_TS)).isEqualTo(42L);
    assertThat(byField.millis(at(1.42007076e12), KAFKA_TS)).isEqualTo(T);
    assertThat(byField.millis(at(new StringBuilder("2015-01-01 00:06")), KAFKA_TS)).isEqualTo(T);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "",
        "2015-01-01",
        "2015/01/01 00:06",
        "2015-01-01 0:06",
        "2015-13-01 00:06"
      })
  void fallsBackToTheRecordTimestampWhenTheFieldIsNotATime(String text) {
    assertThat(byField.millis(at(text), KAFKA_TS)).isEqualTo(KAFKA_TS);
  }

  @Test
  void fallsBackToTheRecordTimestampWhenTheFieldIsMissingOrOfAnotherType() {
    assertThat(byField.millis(Map.of("other", 1), KAFKA_TS)).isEqualTo(KAFKA_TS);
    assertThat(byField.millis(at(true), KAFKA_TS)).isEqualTo(KAFKA_TS);
    assertThat(byField.millis(null, KAFKA_TS)).isEqualTo(KAFKA_TS);
    assertThat(byField.millis("not a map", KAFKA_TS)).isEqualTo(KAFKA_TS);
  }

  @Test
  void withoutAFieldOnlyTheRecordTimestampCounts() {
    RecordTime kafkaOnly = new RecordTime(null);

    assertThat(kafkaOnly.millis(at(T), KAFKA_TS)).isEqualTo(KAFKA_TS);
    assertThat(kafkaOnly.millis(at(T), 0L)).isEqualTo(0L);
  }

  @Test
  void noTimeAtAllIsMinValue() {
    assertThat(byField.millis(at("yesterday"), null)).isEqualTo(Long.MIN_VALUE);
    assertThat(new RecordTime(null).millis(at(T), null)).isEqualTo(Long.MIN_VALUE);
    // Connect uses -1 (NO_TIMESTAMP) when a record has none
    assertThat(new RecordTime(null).millis(at(T), -1L)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aFieldTimeBeforeTheEpochIsKept() {
    assertThat(byField.millis(at("1969-12-31T23:59:00Z"), KAFKA_TS)).isEqualTo(-60_000L);
  }
}
