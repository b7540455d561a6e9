package io.tidestream.bench.jmh.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.parse.ParsedResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body once after the benchmark's own setup and checks it emitted every
 * recorded row.
 */
class NoaaResponseBenchmarkTest {

  private static final Instant FIRST_ROW = Instant.parse("2015-01-01T00:00:00Z");

  private final NoaaResponseBenchmark bench = new NoaaResponseBenchmark();

  @BeforeEach
  void setUp() throws Exception {
    bench.setUp();
  }

  @AfterEach
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void waterLevelBodyBecomesOneSourceRecordPerRowFromOneRequest() throws Exception {
    List<SourceRecord> records = bench.waterLevelToSourceRecords();

    assertThat(records).hasSize(NoaaResponseBenchmark.WATER_LEVEL_ROWS);
    assertThat(bench.waterLevel.fetches()).isEqualTo(1);
    SourceRecord first = records.get(0);
    assertThat(first.topic()).isEqualTo("noaa.water_level");
    assertThat(first.key()).isEqualTo("9447130");
    assertThat(first.sourcePartition())
        .isEqualTo(Map.of("station", "9447130", "product", "water_level", "datum", "MLLW"));
    assertThat(first.timestamp()).isEqualTo(FIRST_ROW.toEpochMilli());
    Struct value = (Struct) first.value();
    assertThat(value.getString("station_id")).isEqualTo("9447130");
    assertThat(value.getString("station_name")).isEqualTo("Seattle");
    assertThat(value.getFloat64("lat")).isEqualTo(47.6026);
    assertThat(value.getFloat64("lon")).isEqualTo(-122.3393);
    assertThat(value.get("time")).isEqualTo(Date.from(FIRST_ROW));
    assertThat(value.getFloat64("value")).isEqualTo(1.798);
    assertThat(value.getFloat64("sigma")).isEqualTo(0.023);
    assertThat(value.getString("quality")).isEqualTo("verified");
    Struct last = (Struct) records.get(records.size() - 1).value();
    assertThat(last.get("time")).isEqualTo(Date.from(Instant.parse("2015-01-31T00:00:00Z")));
    assertThat(last.getFloat64("value")).isEqualTo(2.098);
  }

  @Test
  void everyInvocationReplaysTheWholeResponse() throws Exception {
    bench.waterLevelToSourceRecords();
    List<SourceRecord> again = bench.waterLevelToSourceRecords();

    assertThat(again).hasSize(NoaaResponseBenchmark.WATER_LEVEL_ROWS);
    assertThat(bench.waterLevel.fetches()).isEqualTo(2);
  }

  @Test
  void windBodyBecomesOneSourceRecordPerRowGapsIncluded() throws Exception {
    List<SourceRecord> records = bench.windToSourceRecords();

    assertThat(records).hasSize(NoaaResponseBenchmark.WIND_ROWS);
    assertThat(bench.wind.fetches()).isEqualTo(1);
    SourceRecord first = records.get(0);
    assertThat(first.topic()).isEqualTo("noaa.wind");
    Struct value = (Struct) first.value();
    assertThat(value.getString("station_id")).isEqualTo("9447130");
    assertThat(value.get("time")).isEqualTo(Date.from(FIRST_ROW));
    assertThat(value.getFloat64("speed")).isEqualTo(3.2);
    assertThat(value.getFloat64("direction_deg")).isEqualTo(313.0);
    assertThat(value.getString("direction_text")).isEqualTo("NW");
    assertThat(value.getFloat64("gust")).isEqualTo(4.5);
    assertThat(records)
        .anySatisfy(r -> assertThat(((Struct) r.value()).getFloat64("speed")).isNull());
  }

  @Test
  void parseOnlyReadsEveryRow() throws Exception {
    ParsedResponse parsed = bench.waterLevelParseOnly();

    assertThat(parsed.malformed()).isEmpty();
    assertThat(parsed.rows()).hasSize(NoaaResponseBenchmark.WATER_LEVEL_ROWS);
    Observation first = parsed.rows().get(0);
    assertThat(first.time()).isEqualTo(FIRST_ROW);
    assertThat(first.value()).isEqualTo(1.798);
    assertThat(parsed.station().id()).isEqualTo("9447130");
  }
}
