package io.tidestream.noaa.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.plan.UnitId;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordBuilderTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final UnitId SEATTLE = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);

  private final RecordBuilder builder =
      new RecordBuilder(p -> "noaa." + p.apiName(), "metric", "noaa.errors");

  private static Observation row(Instant t) {
    return new Observation(t, 1.5, 0.01, "0,0,0,0", "preliminary", null, null, null, null, null);
  }

  @Test
  void aRowBecomesARecordKeyedByStationWithTheUnitsPartitionAndOffset() {
    Instant t = Instant.parse("2026-01-09T23:54:00Z");
    UnitOffset offset = new UnitOffset(t, null);

    SourceRecord r =
        builder.observation(
            SEATTLE, offset, new StationMeta("9447130", "Seattle", 47.6, -122.3), row(t), NOW);

    assertThat(r.topic()).isEqualTo("noaa.water_level");
    assertThat(r.key()).isEqualTo("9447130");
    assertThat(r.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(r.sourcePartition()).isEqualTo(SEATTLE.partition());
    assertThat(r.sourceOffset()).isEqualTo(Map.of("v", 1, "wm", t.toEpochMilli()));
    assertThat(r.timestamp()).isEqualTo(t.toEpochMilli());
    Struct v = (Struct) r.value();
    assertThat(v.getString("station_name")).isEqualTo("Seattle");
    assertThat(v.getFloat64("value")).isEqualTo(1.5);
    assertThat(v.getString("units")).isEqualTo("metric");
  }

  @Test
  void aFutureRowIsStampedNowAndKeepsItsTimeInTheValue() {
    Instant ahead = NOW.plusSeconds(86_400);
    UnitId pred = new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "6");

    SourceRecord r = builder.observation(pred, new UnitOffset(ahead, null), null, row(ahead), NOW);

    assertThat(r.timestamp()).isEqualTo(NOW.toEpochMilli());
    assertThat(((java.util.Date) ((Struct) r.value()).get("time")).toInstant()).isEqualTo(ahead);
    assertThat(RecordBuilder.recordTimestamp(NOW, NOW)).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void anErrorRecordGoesToTheErrorsTopicAndRestatesTheOffset() {
    UnitOffset offset = new UnitOffset(Instant.parse("2026-01-07T23:59:00Z"), null);
    NoaaApiException e =
        new NoaaApiException(NoaaErrorKind.TRANSIENT, 504, "HTTP 504", null, "", null, null);

    SourceRecord r = builder.error(SEATTLE, offset, "http://noaa/x", e, "TRANSIENT", NOW);

    assertThat(r.topic()).isEqualTo("noaa.errors");
    assertThat(r.sourceOffset()).isEqualTo(offset.toMap());
    assertThat(r.timestamp()).isEqualTo(NOW.toEpochMilli());
    Struct v = (Struct) r.value();
    assertThat(v.getString("kind")).isEqualTo("TRANSIENT");
    assertThat(v.getInt32("http_status")).isEqualTo(504);
    assertThat(v.getString("request_url")).isEqualTo("http://noaa/x");
  }

  @Test
  void errorsAreWantedOnlyWithAnErrorsTopic() {
    assertThat(builder.errorsWanted()).isTrue();
    assertThat(new RecordBuilder(p -> "t", "metric", "").errorsWanted()).isFalse();
  }
}
