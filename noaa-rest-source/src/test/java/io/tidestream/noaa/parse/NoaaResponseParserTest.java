package io.tidestream.noaa.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.noaa.Fixtures;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoaaResponseParserTest {

  private final NoaaResponseParser parser = new NoaaResponseParser();

  private ParsedResponse parse(NoaaProduct p, String fixture) throws NoaaApiException {
    return parser.parse(p, Fixtures.bytes(fixture));
  }

  private static NoaaApiException error(NoaaProduct p, String body) {
    try {
      new NoaaResponseParser().parse(p, body.getBytes(StandardCharsets.UTF_8));
    } catch (NoaaApiException e) {
      return e;
    }
    throw new AssertionError("expected a NoaaApiException for " + body);
  }

  @Test
  void waterLevelMonthHasEveryInclusiveRowVerifiedWithTypedFields() throws Exception {
    ParsedResponse r = parse(NoaaProduct.WATER_LEVEL, Fixtures.WATER_LEVEL);

    assertThat(r.malformed()).isEmpty();
    assertThat(r.rows()).hasSize(7201);
    assertThat(r.station().id()).isEqualTo("9447130");
    assertThat(r.station().name()).isEqualTo("Seattle");
    assertThat(r.station().lat()).isEqualTo(47.6026);
    assertThat(r.station().lon()).isEqualTo(-122.3393);
    Observation first = r.rows().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
    assertThat(first.value()).isEqualTo(1.798);
    assertThat(first.sigma()).isEqualTo(0.023);
    assertThat(first.flags()).isEqualTo("0,0,0,0");
    assertThat(first.quality()).isEqualTo("verified");
    assertThat(r.rows().get(7200).time()).isEqualTo(Instant.parse("2015-01-31T00:00:00Z"));
    assertThat(r.rows()).allMatch(Observation::isVerified);
    // six-minute spacing, strictly increasing: no duplicate and no hole in the parse
    for (int i = 1; i < r.rows().size(); i++) {
      assertThat(Duration.between(r.rows().get(i - 1).time(), r.rows().get(i).time()))
          .isEqualTo(Duration.ofMinutes(6));
    }
  }

  @Test
  void predictionsHiloHaveNoMetadataAndCarryHighLowType() throws Exception {
    ParsedResponse r = parse(NoaaProduct.PREDICTIONS, Fixtures.PREDICTIONS_HILO);

    assertThat(r.station()).isNull();
    assertThat(r.rows()).hasSize(8);
    assertThat(r.rows())
        .extracting(Observation::type)
        .containsExactly("L", "H", "L", "H", "L", "H", "L", "H");
    assertThat(r.rows().get(0).time()).isEqualTo(Instant.parse("2015-01-01T03:40:00Z"));
    assertThat(r.rows().get(0).value()).isEqualTo(0.011);
    assertThat(r.rows().get(4).value()).isEqualTo(-0.214);
    assertThat(r.rows()).allMatch(o -> o.flags() == null && o.quality() == null);
  }

  @Test
  void windHasSpeedDirectionTextGustAndGapsAreNullNeverZero() throws Exception {
    ParsedResponse r = parse(NoaaProduct.WIND, Fixtures.WIND);

    Observation first = r.rows().get(0);
    assertThat(first.windSpeed()).isEqualTo(3.2);
    assertThat(first.windDirection()).isEqualTo(313.0);
    assertThat(first.windDirectionText()).isEqualTo("NW");
    assertThat(first.windGust()).isEqualTo(4.5);
    assertThat(first.flags()).isEqualTo("0,0");
    assertThat(first.value()).isNull();

    Observation gap =
        r.rows().stream()
            .filter(o -> o.time().equals(Instant.parse("2015-01-01T04:18:00Z")))
            .findFirst()
            .orElseThrow();
    assertThat(gap.windSpeed()).isNull();
    assertThat(gap.windDirection()).isNull();
    assertThat(gap.windDirectionText()).isNull();
    assertThat(gap.windGust()).isNull();
    assertThat(gap.flags()).isEqualTo("1,1");
    assertThat(r.rows())
        .filteredOn(o -> "1,1".equals(o.flags()))
        .isNotEmpty()
        .allMatch(o -> o.windSpeed() == null);
  }

  @Test
  void airTemperatureGapsAreNullWithAllFlagsSet() throws Exception {
    ParsedResponse r = parse(NoaaProduct.AIR_TEMPERATURE, Fixtures.AIR_TEMPERATURE);

    assertThat(r.rows().get(0).value()).isEqualTo(4.1);
    assertThat(r.rows().get(0).flags()).isEqualTo("0,0,0");
    List<Observation> gaps = r.rows().stream().filter(o -> o.value() == null).toList();
    assertThat(gaps).isNotEmpty().allMatch(o -> "1,1,1".equals(o.flags()));
    assertThat(gaps)
        .extracting(Observation::time)
        .contains(Instant.parse("2015-01-01T04:18:00Z"), Instant.parse("2015-01-01T08:36:00Z"));
    assertThat(r.rows())
        .noneMatch(o -> o.value() != null && o.value() == 0.0 && "1,1,1".equals(o.flags()));
  }

  @Test
  void dateOnlyEndDateReturnsTheWholeEndDay() throws Exception {
    ParsedResponse r = parse(NoaaProduct.WATER_TEMPERATURE, Fixtures.WATER_TEMPERATURE);

    assertThat(r.rows()).hasSize(480);
    assertThat(r.station().name()).isEqualTo("Vaca Key, Florida Bay");
    assertThat(r.rows().get(479).time()).isEqualTo(Instant.parse("2014-09-28T23:54:00Z"));
    assertThat(r.rows().get(0).value()).isEqualTo(30.1);
  }

  @Test
  void noDataErrorWithHttp200IsClassifiedNotParsedAsData() {
    NoaaApiException e = error(NoaaProduct.AIR_TEMPERATURE, Fixtures.text(Fixtures.NO_DATA));

    assertThat(e.kind()).isEqualTo(NoaaErrorKind.NO_DATA);
    assertThat(e.noaaMessage()).startsWith("No data was found.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "datum|{\"error\": {\"message\":\"No Predictions data was found. Please make sure the Datum"
            + " input is valid.\"}}|DATUM",
        "wrong product|{\"error\": {\"message\":\" Wrong Product : Product cannot be null or empty "
            + " Valid values are: water_level\"}}|WRONG_PARAMETER",
        "wrong station|{\"error\": {\"message\":\" Wrong Station ID: Check Station"
            + " ID\"}}|WRONG_PARAMETER",
        "range limit|{\"error\": {\"message\":\"Range Limit Exceeded: The size limit for this"
            + " request is 31 days.\"}}|RANGE_LIMIT",
        "unknown text|{\"error\": {\"message\":\"Something else happened\"}}|TRANSIENT",
        "html page|<html><body><h1>502 Bad Gateway</h1></body></html>|TRANSIENT",
        "truncated json|{\"metadata\":{\"id\":\"9447130\"}, \"data\": [{\"t\":\"2015-01-01 00:00\","
            + " \"v\":\"1.7|TRANSIENT",
        "unknown shape|{\"message\":\"Internal server error\"}|TRANSIENT",
      })
  void errorBodiesAreClassified(String what, String body, NoaaErrorKind kind) {
    NoaaProduct product = what.equals("datum") ? NoaaProduct.PREDICTIONS : NoaaProduct.WATER_LEVEL;
    assertThat(error(product, body).kind()).isEqualTo(kind);
  }

  @Test
  void emptyBodyIsTransient() {
    assertThat(error(NoaaProduct.WATER_LEVEL, "   ").kind()).isEqualTo(NoaaErrorKind.TRANSIENT);
  }

  private static byte[] withByteOrderMark(byte[] body) {
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  @Test
  void bodyStartingWithAUtf8ByteOrderMarkIsParsedAsTheJsonItIs() throws Exception {
    byte[] plain = Fixtures.bytes(Fixtures.WATER_LEVEL);

    ParsedResponse r = parser.parse(NoaaProduct.WATER_LEVEL, withByteOrderMark(plain));

    assertThat(r.malformed()).isEmpty();
    assertThat(r.rows())
        .hasSize(7201)
        .isEqualTo(parser.parse(NoaaProduct.WATER_LEVEL, plain).rows());
    assertThat(r.station().name()).isEqualTo("Seattle");
  }

  @Test
  void errorBodyAfterAByteOrderMarkAndWhitespaceIsStillClassified() {
    byte[] body =
        withByteOrderMark(
            (" \r\n" + Fixtures.text(Fixtures.NO_DATA)).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> parser.parse(NoaaProduct.AIR_TEMPERATURE, body))
        .isInstanceOfSatisfying(
            NoaaApiException.class, e -> assertThat(e.kind()).isEqualTo(NoaaErrorKind.NO_DATA));
  }

  @ParameterizedTest(name = "v = \"{0}\"")
  @CsvSource({"NaN", "abc", "Infinity", "-Infinity", "1.2.3", "0x1p3"})
  void aValueThatIsNotANumberIsAGapInAKeptRow(String text) throws Exception {
    String body =
        "{\"metadata\":{\"id\":\"9447130\",\"name\":\"Seattle\",\"lat\":\"47.6026\",\"lon\":\"-122.3393\"},\"data\":[{\"t\":\"2015-01-01"
            + " 00:00\", \"v\":\"1.798\", \"s\":\"0.023\", \"f\":\"0,0,0,0\","
            + " \"q\":\"v\"},{\"t\":\"2015-01-01 00:06\", \"v\":\""
            + text
            + "\", \"s\":\"0.021\", \"f\":\"0,0,1,0\", \"q\":\"v\"},{\"t\":\"2015-01-01 00:12\","
            + " \"v\":\"1.801\", \"s\":\"0.020\", \"f\":\"0,0,0,0\", \"q\":\"v\"}]}";

    ParsedResponse r = parser.parse(NoaaProduct.WATER_LEVEL, body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.malformed()).isEmpty();
    assertThat(r.rows()).extracting(Observation::value).containsExactly(1.798, null, 1.801);
    Observation kept = r.rows().get(1);
    assertThat(kept.time()).isEqualTo(Instant.parse("2015-01-01T00:06:00Z"));
    assertThat(kept.flags()).isEqualTo("0,0,1,0");
    assertThat(kept.sigma()).isEqualTo(0.021);
    assertThat(kept.quality()).isEqualTo("verified");
    assertThat(r.unreadableValues())
        .containsExactly(
            new ParsedResponse.UnreadableValue(Instant.parse("2015-01-01T00:06:00Z"), "value"));
  }

  @Test
  void windValuesThatAreNotNumbersAreNullAndNamedByTheirRecordField() throws Exception {
    String body =
        "{\"metadata\":{\"id\":\"9447130\",\"name\":\"Seattle\",\"lat\":\"47.6026\",\"lon\":\"-122.3393\"},\"data\":[{\"t\":\"2015-01-01"
            + " 00:00\", \"s\":\"NaN\", \"d\":\"north\", \"dr\":\"N\", \"g\":\"4.5\","
            + " \"f\":\"0,0\"},{\"t\":\"2015-01-01 00:06\", \"s\":\"3.2\", \"d\":\"313.00\","
            + " \"dr\":\"NW\", \"g\":true, \"f\":\"0,0\"}]}";

    ParsedResponse r = parser.parse(NoaaProduct.WIND, body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.rows()).hasSize(2);
    assertThat(r.rows().get(0).windSpeed()).isNull();
    assertThat(r.rows().get(0).windDirection()).isNull();
    assertThat(r.rows().get(0).windDirectionText()).isEqualTo("N");
    assertThat(r.rows().get(0).windGust()).isEqualTo(4.5);
    assertThat(r.rows().get(1).windDirection()).isEqualTo(313.0);
    assertThat(r.rows().get(1).windGust()).isNull();
    assertThat(r.unreadableValues())
        .extracting(ParsedResponse.UnreadableValue::field)
        .containsExactly("speed", "direction_deg", "gust");
  }

  @Test
  void anUnknownQualityCodeIsNullAndCountedAndTheRowIsKept() throws Exception {
    String body =
        "{\"metadata\":{\"id\":\"9447130\"}, \"data\":[{\"t\":\"2015-01-01 00:00\","
            + " \"v\":\"1.798\", \"s\":\"0.023\", \"f\":\"0,0,0,0\", \"q\":\"x\"}]}";

    ParsedResponse r = parser.parse(NoaaProduct.WATER_LEVEL, body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.malformed()).isEmpty();
    assertThat(r.rows())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.value()).isEqualTo(1.798);
              assertThat(o.quality()).isNull();
            });
    assertThat(r.unreadableValues())
        .extracting(ParsedResponse.UnreadableValue::field)
        .containsExactly("quality");
  }

  @Test
  void gapsAreNotUnreadableValues() throws Exception {
    ParsedResponse r = parse(NoaaProduct.WIND, Fixtures.WIND);

    assertThat(r.rows()).anyMatch(o -> o.windSpeed() == null);
    assertThat(r.unreadableValues()).isEmpty();
  }

  @Test
  void onlyARowWhoseTimeCannotBeReadIsMalformedAndTheOthersAreKept() throws Exception {
    String body =
        "{\"metadata\":{\"id\":\"1\",\"name\":\"x\",\"lat\":\"1\",\"lon\":\"2\"},"
            + "\"data\":[{\"t\":\"2015-01-01 00:00\",\"v\":\"abc\",\"f\":\"0,0,0\"},"
            + "{\"t\":\"not a time\",\"v\":\"1.0\",\"f\":\"0,0,0\"},"
            + "{\"v\":\"1.1\",\"f\":\"0,0,0\"},"
            + "\"2015-01-01 00:09\","
            + "{\"t\":\"2015-01-01 00:12\",\"v\":\"2.5\",\"f\":\"0,0,0\"}]}";

    ParsedResponse r =
        parser.parse(NoaaProduct.AIR_TEMPERATURE, body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.rows()).extracting(Observation::value).containsExactly(null, 2.5);
    assertThat(r.malformed())
        .extracting(ParsedResponse.MalformedRow::index)
        .containsExactly(1, 2, 3);
    assertThat(r.malformed())
        .extracting(ParsedResponse.MalformedRow::problem)
        .containsExactly(
            ParsedResponse.RowProblem.UNREADABLE_TIME,
            ParsedResponse.RowProblem.MISSING_TIME,
            ParsedResponse.RowProblem.NOT_AN_OBJECT);
    assertThat(r.malformed().get(0).time()).isEqualTo("not a time");
    assertThat(r.malformed().get(0).rawJson()).contains("not a time");
    assertThat(r.malformed())
        .allSatisfy(m -> assertThat(m.reason()).doesNotContain("1.0").doesNotContain("1.1"));
  }

  @Test
  void unreadableStationCoordinatesAreNullNotAFailure() throws Exception {
    String body =
        "{\"metadata\":{\"id\":\"1\",\"name\":\"x\",\"lat\":\"north\",\"lon\":\"2\"},"
            + "\"data\":[{\"t\":\"2015-01-01 00:00\",\"v\":\"1.0\",\"f\":\"0,0,0\"}]}";

    ParsedResponse r =
        parser.parse(NoaaProduct.AIR_TEMPERATURE, body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.station().lat()).isNull();
    assertThat(r.station().lon()).isEqualTo(2.0);
    assertThat(r.rows()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty|'   '|EMPTY_BODY",
        "html page|<html><body><h1>502 Bad Gateway</h1></body></html>|NOT_JSON",
        "truncated json|{\"metadata\":{\"id\":\"9447130\"}, \"data\": [{\"t\":\"2015-01-01 00:00\","
            + " \"v\":\"1.7|INVALID_JSON",
        "unknown shape|{\"message\":\"Internal server error\"}|NO_DATA_ARRAY",
      })
  void bodiesThatAreNotNoaasJsonAreRejectedWithTheirReason(
      String what, String body, BodyRejection reason) {
    NoaaApiException e = error(NoaaProduct.WATER_LEVEL, body);

    assertThat(e.kind()).isEqualTo(NoaaErrorKind.TRANSIENT);
    assertThat(e.rejection()).contains(reason);
  }

  @Test
  void noaasOwnErrorAnswersAreNotRejections() {
    assertThat(error(NoaaProduct.AIR_TEMPERATURE, Fixtures.text(Fixtures.NO_DATA)).rejection())
        .isEmpty();
  }

  @Test
  void theStartOfARejectedBodyIsShortAndEscapedForALogLine() {
    NoaaApiException html =
        error(
            NoaaProduct.WATER_LEVEL,
            (char) 0xFEFF
                + "<!DOCTYPE html>\n<html><head><title>503"
                + " Service Unavailable</title></head>"
                + "x".repeat(5000));

    assertThat(html.bodyStart())
        .isEqualTo("\"\\" + "uFEFF<!DOCTYPE html>\\" + "u000A<html><head><title>503 \"...");
    assertThat(error(NoaaProduct.WATER_LEVEL, "<p>\"x\"</p>").bodyStart())
        .isEqualTo("\"<p>\\" + "u0022x\\" + "u0022</p>\"");
  }

  @Test
  void timesAreUtc() {
    assertThat(NoaaResponseParser.parseTime("2015-01-31 23:54"))
        .isEqualTo(Instant.parse("2015-01-31T23:54:00Z"));
  }

  @Test
  void errorKeepsBodyForTheErrorsTopicButBoundsIt() {
    String big = "<html>" + "x".repeat(10_000) + "</html>";
    assertThat(error(NoaaProduct.WIND, big))
        .extracting(NoaaApiException::body)
        .asInstanceOf(InstanceOfAssertFactories.STRING)
        .hasSize(4096);
  }
}
