package io.tidestream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * NOAA-shaped load, in the spirit of kafka-connect-datagen: record {@code i} is a six-minute water
 * level observation of station {@code i % stations} at {@code start + (i / stations) × 6 min},
 * serialised the way the source connector's records reach Kafka on a default worker (key: the
 * station id as a string; value: JsonConverter with schemas). The value schema is the source's
 * water-level schema as JsonConverter writes it, checked in as {@value #SCHEMA_RESOURCE}: the
 * benchmark reaches the connectors only through their ZIPs and the Connect REST API, so it does not
 * call the source's classes. {@code PipelineBenchEquivalenceTest} (in {@code microbenchmarks},
 * where connector internals are allowed) proves that every record is byte for byte what the
 * source's own schema and record code give for the same observation. The same {@code i} always
 * gives the same bytes, so the sink and the raw bulk loader index exactly the same documents.
 */
public final class NoaaLoad {

  /** Six-minute observations, as NOAA publishes water levels. */
  static final Duration STEP = Duration.ofMinutes(6);

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** The source's water-level value schema in JsonConverter's JSON form, on the class path. */
  public static final String SCHEMA_RESOURCE = "io/tidestream/bench/water-level-schema.json";

  /** The product the records carry: NOAA's API name of water levels. */
  public static final String PRODUCT = "water_level";

  /** A key and a value as they lie in Kafka. */
  public record Bytes(byte[] key, byte[] value) {}

  /**
   * What record {@code i} observes, in NOAA's terms: the station (id, name, position) and one
   * six-minute water level relative to MLLW in metric units.
   */
  public record Row(
      String stationId,
      String stationName,
      double lat,
      double lon,
      Instant time,
      double value,
      double sigma,
      String flags,
      String quality) {}

  private final int stationCount;
  private final JsonConverter converter = new JsonConverter();
  private final JsonConverter schemaless = new JsonConverter();
  private final Schema schema;

  public NoaaLoad(int stationCount) {
    if (stationCount < 1) {
      throw new IllegalArgumentException("at least one station, got " + stationCount);
    }
    this.stationCount = stationCount;
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
    schemaless.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false"), false);
    this.schema = converter.asConnectSchema(schemaJson());
  }

  public int stationCount() {
    return stationCount;
  }

  /** The value schema of every record (the source's water-level schema). */
  public Schema schema() {
    return schema;
  }

  /** What record {@code i} observes. */
  public Row row(long i) {
    int s = (int) (i % stationCount);
    long step = i / stationCount;
    // Spread along the US coasts: deterministic, valid coordinates, distinct per station.
    double lat = round3(24.5 + (s * 37 % 240) / 10.0);
    double lon = round3(-124.0 + (s * 53 % 560) / 10.0);
    // A semidiurnal tide (12.42 h) with a per-station phase and a small, deterministic wobble.
    double hours = step * 0.1;
    double level =
        1.2 + 0.9 * Math.sin(2 * Math.PI * hours / 12.42 + lat) + ((i * 7919) % 13) / 1000.0;
    return new Row(
        Integer.toString(8_700_000 + s),
        "Bench Station " + s,
        lat,
        lon,
        START.plus(STEP.multipliedBy(step)),
        round3(level),
        0.003 + (i % 5) / 1000.0,
        "0,0,0,0",
        "preliminary");
  }

  /** Record {@code i}'s value as a Connect struct, field for field as the source fills it. */
  public Struct struct(long i) {
    Row r = row(i);
    return new Struct(schema)
        .put("station_id", r.stationId())
        .put("station_name", r.stationName())
        .put("lat", r.lat())
        .put("lon", r.lon())
        .put("product", PRODUCT)
        .put("datum", "MLLW")
        .put("units", "metric")
        .put("interval", null)
        .put("time", Date.from(r.time()))
        .put("value", r.value())
        .put("sigma", r.sigma())
        .put("flags", r.flags())
        .put("quality", r.quality());
  }

  /**
   * Record {@code i} serialised as the source's records are: string key, JSON value with schema.
   */
  public Bytes bytes(String topic, long i) {
    Struct value = struct(i);
    String station = value.getString("station_id");
    return new Bytes(
        station.getBytes(StandardCharsets.UTF_8), converter.fromConnectData(topic, schema, value));
  }

  /**
   * Record {@code i} as {@link #bytes} gives it ({@code envelope}), or as a plain JSON object: the
   * same fields and values (times as epoch milliseconds) without the schema, as JsonConverter with
   * {@code schemas.enable=false} writes it.
   */
  public Bytes bytes(String topic, long i, boolean envelope) {
    if (envelope) {
      return bytes(topic, i);
    }
    Struct value = struct(i);
    return new Bytes(
        value.getString("station_id").getBytes(StandardCharsets.UTF_8),
        schemaless.fromConnectData(topic, schema, value));
  }

  /**
   * The id the sink gives record {@code i}'s document with {@code
   * document.id.strategy=record-fields} and {@code document.id.fields=station_id,product,time} (the
   * benchmark's sink configuration): the values joined with {@code |}, the time as epoch
   * milliseconds, as the sink's configuration reference documents it. {@code
   * PipelineBenchEquivalenceTest} checks it against the sink's code.
   */
  public String documentId(long i) {
    Row r = row(i);
    return r.stationId() + "|" + PRODUCT + "|" + r.time().toEpochMilli();
  }

  private static ObjectNode schemaJson() {
    try (InputStream in = NoaaLoad.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            SCHEMA_RESOURCE + " is not on the class path; rebuild pipeline-bench");
      }
      return (ObjectNode) new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
