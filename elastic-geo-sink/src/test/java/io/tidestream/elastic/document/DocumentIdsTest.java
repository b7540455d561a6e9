package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentIdsTest {

  /** 2015-01-01T00:06:00Z */
  private static final long T = 1_420_070_760_000L;

  private static DocumentIds ids(String... paths) {
    return new DocumentIds(Stream.of(paths).map(DottedPath::parse).toList());
  }

  private static final Schema META =
      SchemaBuilder.struct().field("station_id", Schema.STRING_SCHEMA).build();
  private static final Schema RECORD =
      SchemaBuilder.struct()
          .field("metadata", META)
          .field("product", Schema.STRING_SCHEMA)
          .field("time", Timestamp.SCHEMA)
          .field("sigma", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .build();

  @Test
  void joinsTheFieldsOfAStructWithTheSeparatorAndTimesAsEpochMillis() {
    Struct value =
        new Struct(RECORD)
            .put("metadata", new Struct(META).put("station_id", "9447130"))
            .put("product", "water_level")
            .put("time", new Date(T));

    assertThat(ids("metadata.station_id", "product", "time").idOf(value))
        .isEqualTo("9447130|water_level|1420070760000");
  }

  @Test
  void readsSchemalessMapsAlike() {
    Map<String, Object> value =
        Map.of(
            "metadata",
            Map.of("station_id", "9447130"),
            "product",
            "water_level",
            "t",
            "2015-01-01 00:06");

    assertThat(ids("metadata.station_id", "product", "t").idOf(value))
        .isEqualTo("9447130|water_level|2015-01-01 00:06");
  }

  @Test
  void oneFieldHasNoSeparator() {
    assertThat(ids("product").idOf(Map.of("product", "wind"))).isEqualTo("wind");
    assertThat(DocumentIds.SEPARATOR).isEqualTo('|');
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(42, "42"),
        Arguments.of(-7L, "-7"),
        Arguments.of(3.0d, "3"),
        Arguments.of(-3.0d, "-3"),
        Arguments.of(0.0d, "0"),
        Arguments.of(-0.0d, "0"),
        Arguments.of(2.5f, "2.5"),
        Arguments.of(4.0f, "4"),
        Arguments.of(0.312d, "0.312"),
        Arguments.of(999_999_999_999_999d, "999999999999999"),
        Arguments.of(1e15, "1.0E15"),
        Arguments.of(-1e15, "-1.0E15"),
        Arguments.of(Double.NaN, "NaN"),
        Arguments.of(new BigDecimal("1.500"), "1.5"),
        Arguments.of(new BigDecimal("1E+3"), "1000"),
        Arguments.of(new BigDecimal("0.000"), "0"),
        Arguments.of(true, "true"));
  }

  /** The same number gives the same id whatever type the converter chose for it. */
  @ParameterizedTest
  @MethodSource("numbers")
  void writesWholeNumbersWithoutAFraction(Object number, String expected) {
    assertThat(ids("n").idOf(Map.of("n", number))).isEqualTo(expected);
    assertThat(ids("a", "n").idOf(Map.of("a", "x", "n", number))).isEqualTo("x|" + expected);
  }

  @Test
  void aMissingOrNullFieldGivesNoIdAndIsNamed() {
    DocumentIds ids = ids("metadata.station_id", "product", "time");
    Map<String, Object> noProduct = new HashMap<>();
    noProduct.put("metadata", Map.of("station_id", "9447130"));
    noProduct.put("product", null);
    noProduct.put("time", T);

    assertThat(ids.idOf(noProduct)).isNull();
    assertThat(ids.firstMissing(noProduct)).isEqualTo(DottedPath.parse("product"));
    assertThat(ids.idOf(Map.of("product", "wind"))).isNull();
    assertThat(ids.firstMissing(Map.of("product", "wind")))
        .isEqualTo(DottedPath.parse("metadata.station_id"));
    assertThat(ids.firstMissing(Map.of("metadata", Map.of("station_id", "1"), "product", "wind")))
        .isEqualTo(DottedPath.parse("time"));
  }

  @Test
  void aNullFieldOfAStructGivesNoId() {
    Struct value =
        new Struct(RECORD)
            .put("metadata", new Struct(META).put("station_id", "9447130"))
            .put("product", "water_level")
            .put("time", new Date(T));

    assertThat(ids("product", "sigma").idOf(value)).isNull();
    assertThat(ids("product", "sigma").firstMissing(value)).isEqualTo(DottedPath.parse("sigma"));
  }

  @Test
  void nothingIsMissingWhenEveryFieldIsThere() {
    assertThat(ids("a", "b").firstMissing(Map.of("a", 1, "b", 2))).isNull();
  }

  @Test
  void keepsItsOwnCopyOfTheFields() {
    List<DottedPath> fields = new ArrayList<>(List.of(DottedPath.parse("a")));
    DocumentIds ids = new DocumentIds(fields);
    fields.add(DottedPath.parse("b"));

    assertThat(ids.fields()).containsExactly(DottedPath.parse("a"));
    assertThat(ids.idOf(Map.of("a", 1))).isEqualTo("1");
    assertThatThrownBy(() -> ids.fields().add(DottedPath.parse("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
