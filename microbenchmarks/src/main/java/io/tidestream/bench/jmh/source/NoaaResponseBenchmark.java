package io.tidestream.bench.jmh.source;

import io.tidestream.bench.jmh.BenchResources;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Source hot path: a recorded NOAA datagetter body to the {@link SourceRecord}s the task emits,
 * under the settings of {@code config/noaa-source.json}. Each invocation handles a whole response;
 * {@link OperationsPerInvocation} divides by its row count, so ns/op is ns per record (per row for
 * the parse-only benchmark). Fixed per-response costs (a fresh engine and breaker, the request URL)
 * are included and spread over the rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class NoaaResponseBenchmark {

  /** Rows of {@link BenchResources#WATER_LEVEL_BODY}; checked in {@link #setUp}. */
  public static final int WATER_LEVEL_ROWS = 7201;

  /** Rows of {@link BenchResources#WIND_BODY}, gap rows included; checked in {@link #setUp}. */
  public static final int WIND_ROWS = 241;

  /** The station both recordings come from (Seattle). */
  static final String STATION = "9447130";

  ResponseReplay waterLevel;
  ResponseReplay wind;

  @Setup(Level.Trial)
  public void setUp() throws NoaaApiException {
    Map<String, String> props = BenchResources.connectorConfig(BenchResources.SOURCE_CONFIG);
    NoaaSourceConfig config = new NoaaSourceConfig(props);
    waterLevel =
        new ResponseReplay(
            props,
            unit(config, NoaaProduct.WATER_LEVEL),
            BenchResources.bytes(BenchResources.WATER_LEVEL_BODY));
    wind =
        new ResponseReplay(
            props, unit(config, NoaaProduct.WIND), BenchResources.bytes(BenchResources.WIND_BODY));
    check(waterLevel, WATER_LEVEL_ROWS);
    check(wind, WIND_ROWS);
  }

  private static UnitId unit(NoaaSourceConfig config, NoaaProduct product) {
    return UnitId.of(
        STATION, product, config.datum(), config.predictionsInterval(), config.metInterval());
  }

  /** A wrong row count would make every per-record number wrong: stop instead. */
  private static void check(ResponseReplay replay, int expectedRows) {
    if (replay.rows() != expectedRows) {
      throw new IllegalStateException(
          "the recorded body has "
              + replay.rows()
              + " rows but the benchmark divides by "
              + expectedRows
              + "; fix the constant");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    waterLevel.close();
    wind.close();
  }

  /**
   * 31 days of 6-minute water levels (7,201 rows, 538 kB) to SourceRecords through {@code
   * PollEngine}: parse ({@link NoaaResponseParser}), window check, offset, {@code
   * RecordSchemas#toStruct}, SourceRecord. Per record.
   */
  @Benchmark
  @OperationsPerInvocation(WATER_LEVEL_ROWS)
  public List<SourceRecord> waterLevelToSourceRecords() throws InterruptedException {
    return waterLevel.poll();
  }

  /** One day of 6-minute wind (241 rows, with gap rows) to SourceRecords, as above. Per record. */
  @Benchmark
  @OperationsPerInvocation(WIND_ROWS)
  public List<SourceRecord> windToSourceRecords() throws InterruptedException {
    return wind.poll();
  }

  /**
   * {@link NoaaResponseParser#parse} of the water-level body alone (bytes to typed rows), to split
   * {@link #waterLevelToSourceRecords} into parsing and record building. Per row.
   */
  @Benchmark
  @OperationsPerInvocation(WATER_LEVEL_ROWS)
  public ParsedResponse waterLevelParseOnly() throws NoaaApiException {
    return waterLevel.parse();
  }
}
