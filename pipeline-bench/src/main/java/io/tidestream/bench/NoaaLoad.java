package io.tidestream.bench;

import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.records.RecordSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * NOAA-shaped load, in the spirit of kafka-connect-datagen: record {@code i} is a six-minute water
 * level observation of station {@code i % stations} at {@code start + (i / stations) × 6 min}, built
 * with the source connector's own schema ({@link RecordSchemas}) and serialised the way the source's
 * records reach Kafka on a default worker (key: the station id as a string; value: JsonConverter
 * with schemas). The same {@code i} always gives the same bytes, so the sink and the raw bulk
 * loader index exactly the same documents.
 */
public final class NoaaLoad {

  /** Six-minute observations, as NOAA publishes water levels. */
  static final Duration STEP = Duration.ofMinutes(6);
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** A key and a value as they lie in Kafka. */
  public record Bytes(byte[] key, byte[] value) {}

  private final List<StationMeta> stations;
  private final RecordSchemas schemas = new RecordSchemas();
  private final JsonConverter converter = new JsonConverter();
  private final Schema schema;

  public NoaaLoad(int stationCount) {
    if (stationCount < 1) {
      throw new IllegalArgumentException("at least one station, got " + stationCount);
    }
    this.stations = stations(stationCount);
    this.schema = schemas.schema(NoaaProduct.WATER_LEVEL.family());
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
  }

  public int stationCount() {
    return stations.size();
  }

  /** Record {@code i}'s value as a Connect struct with the source's water-level schema. */
  public Struct struct(long i) {
    StationMeta station = stations.get((int) (i % stations.size()));
    long step = i / stations.size();
    UnitId unit = new UnitId(station.id(), NoaaProduct.WATER_LEVEL, "MLLW", null);
    // A semidiurnal tide (12.42 h) with a per-station phase and a small, deterministic wobble.
    double hours = step * 0.1;
    double level = 1.2 + 0.9 * Math.sin(2 * Math.PI * hours / 12.42 + station.lat()) + ((i * 7919) % 13) / 1000.0;
    Observation o = new Observation(START.plus(STEP.multipliedBy(step)), round3(level), 0.003 + (i % 5) / 1000.0,
        "0,0,0,0", "preliminary", null, null, null, null, null);
    return schemas.toStruct(unit, "metric", station, o);
  }

  /** Record {@code i} serialised as the source's records are: string key, JSON value with schema. */
  public Bytes bytes(String topic, long i) {
    Struct value = struct(i);
    String station = value.getString("station_id");
    return new Bytes(station.getBytes(StandardCharsets.UTF_8), converter.fromConnectData(topic, schema, value));
  }

  /** What a sink task receives for {@code bytes} on a worker with the default converters. */
  public SinkRecord sinkRecord(String topic, int partition, long offset, Bytes bytes) {
    var value = converter.toConnectData(topic, bytes.value());
    return new SinkRecord(topic, partition, Schema.STRING_SCHEMA, new String(bytes.key(), StandardCharsets.UTF_8),
        value.schema(), value.value(), offset);
  }

  private static List<StationMeta> stations(int count) {
    List<StationMeta> list = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      // Spread along the US coasts: deterministic, valid coordinates, distinct per station.
      double lat = 24.5 + (s * 37 % 240) / 10.0;
      double lon = -124.0 + (s * 53 % 560) / 10.0;
      list.add(new StationMeta(Integer.toString(8_700_000 + s), "Bench Station " + s, round3(lat), round3(lon)));
    }
    return list;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
