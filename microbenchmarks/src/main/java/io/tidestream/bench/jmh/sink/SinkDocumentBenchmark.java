package io.tidestream.bench.jmh.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.bench.jmh.BenchResources;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sink hot path: one {@link SinkRecord} to one bulk index action, as {@code ElasticGeoSinkTask#put}
 * does it with {@link DocumentFactory#build} (error-payload filter, geo point from {@code
 * lat}/{@code lon} into {@code location}, id from {@code station_id,product,time}, index {@code
 * tides-${topic}}, NDJSON action and source lines) under the settings of {@code
 * config/elastic-sink.json}.
 *
 * <p>One operation is one record, so ns/op is ns per record. Each call takes the next of {@value
 * #POOL_SIZE} distinct water_level records ({@link WaterLevelPool}), so the JIT sees varying input.
 * The value shapes are the ones the pipeline carries, depending on the sink's value converter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SinkDocumentBenchmark {

  /** Distinct records cycled through; a power of two so the next index is a mask. */
  public static final int POOL_SIZE = 512;

  /**
   * Partitions of the source topics ({@code topic.creation.default.partitions} in
   * noaa-source.json).
   */
  private static final int PARTITIONS = 3;

  private DocumentFactory documents;

  /** Values as Structs with the source schema: JsonConverter with schemas.enable=true. */
  private SinkRecord[] structRecords;

  /** Values as schemaless maps: JsonConverter with schemas.enable=false. */
  private SinkRecord[] mapRecords;

  /** Values as JSON text: StringConverter over the same schemaless JSON. */
  private SinkRecord[] jsonStringRecords;

  /**
   * The bytes on the topic for {@link #structRecords}: JsonConverter envelopes (schema + payload).
   */
  private byte[][] envelopes;

  /** The bytes on the topic as schemaless JSON (JsonConverter, schemas.enable=false). */
  private byte[][] plainJson;

  /** Raw values (ByteArrayConverter, config/elastic-sink.json): the envelopes as they are. */
  private SinkRecord[] rawEnvelopeRecords;

  /** Raw values (ByteArrayConverter) over schemaless JSON. */
  private SinkRecord[] rawPlainRecords;

  private JsonConverter schemafulConverter;
  private JsonConverter schemalessConverter;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, String> props = BenchResources.connectorConfig(BenchResources.SINK_CONFIG);
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(props);
    documents = TaskComponents.documentFactory(config, mapper, mapper.getFactory());
    schemafulConverter = converter(true);
    schemalessConverter = converter(false);

    WaterLevelPool pool = new WaterLevelPool(POOL_SIZE);
    if (!List.of(props.getOrDefault("topics", "").split("\\s*,\\s*")).contains(pool.topic)) {
      throw new IllegalStateException("config/elastic-sink.json does not read " + pool.topic);
    }
    structRecords = new SinkRecord[POOL_SIZE];
    mapRecords = new SinkRecord[POOL_SIZE];
    jsonStringRecords = new SinkRecord[POOL_SIZE];
    envelopes = new byte[POOL_SIZE][];
    plainJson = new byte[POOL_SIZE][];
    rawEnvelopeRecords = new SinkRecord[POOL_SIZE];
    rawPlainRecords = new SinkRecord[POOL_SIZE];
    for (int i = 0; i < POOL_SIZE; i++) {
      envelopes[i] = schemafulConverter.fromConnectData(pool.topic, pool.schema, pool.values[i]);
      SchemaAndValue struct = schemafulConverter.toConnectData(pool.topic, envelopes[i]);
      byte[] plain = schemalessConverter.fromConnectData(pool.topic, pool.schema, pool.values[i]);
      SchemaAndValue map = schemalessConverter.toConnectData(pool.topic, plain);
      long observed = ((Date) pool.values[i].get("time")).getTime();
      structRecords[i] =
          record(pool.topic, i, pool.stationIds[i], observed, struct.schema(), struct.value());
      mapRecords[i] = record(pool.topic, i, pool.stationIds[i], observed, null, map.value());
      jsonStringRecords[i] =
          record(
              pool.topic,
              i,
              pool.stationIds[i],
              observed,
              Schema.STRING_SCHEMA,
              new String(plain, StandardCharsets.UTF_8));
      plainJson[i] = plain;
      rawEnvelopeRecords[i] =
          record(pool.topic, i, pool.stationIds[i], observed, null, envelopes[i]);
      rawPlainRecords[i] = record(pool.topic, i, pool.stationIds[i], observed, null, plain);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    schemafulConverter.close();
    schemalessConverter.close();
  }

  private static JsonConverter converter(boolean schemas) {
    JsonConverter converter = new JsonConverter();
    converter.configure(
        Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemas)), false);
    return converter;
  }

  /**
   * A record as the worker hands it over; its timestamp is the observation time, as the source sets
   * it.
   */
  private static SinkRecord record(
      String topic, int i, String key, long timestamp, Schema valueSchema, Object value) {
    return new SinkRecord(
        topic,
        i % PARTITIONS,
        Schema.STRING_SCHEMA,
        key,
        valueSchema,
        value,
        i,
        timestamp,
        TimestampType.CREATE_TIME);
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (POOL_SIZE - 1);
    return i;
  }

  /**
   * A Struct value with the source's schema (JsonConverter, schemas.enable=true) to a bulk action.
   */
  @Benchmark
  public Outcome structValue() {
    return documents.build(structRecords[nextIndex()]);
  }

  /** A schemaless Map value (JsonConverter, schemas.enable=false) to a bulk action. */
  @Benchmark
  public Outcome mapValue() {
    return documents.build(mapRecords[nextIndex()]);
  }

  /**
   * A JSON string value (StringConverter) to a bulk action: parsed once to find the id and the geo
   * point, then copied as it is with the geo point spliced in.
   */
  @Benchmark
  public Outcome jsonStringValue() {
    return documents.build(jsonStringRecords[nextIndex()]);
  }

  /**
   * The Struct case with the worker's step before it: JsonConverter (schemas.enable=true) {@code
   * toConnectData} of the envelope bytes on the topic, the SinkRecord, then the bulk action. The
   * difference to {@link #structValue} is Connect's conversion cost; {@link #jsonConverterOnly}
   * measures it alone.
   */
  @Benchmark
  public Outcome structValueWithJsonConverter() {
    int i = nextIndex();
    SinkRecord consumed = structRecords[i];
    SchemaAndValue value = schemafulConverter.toConnectData(consumed.topic(), envelopes[i]);
    return documents.build(
        new SinkRecord(
            consumed.topic(),
            consumed.kafkaPartition(),
            consumed.keySchema(),
            consumed.key(),
            value.schema(),
            value.value(),
            consumed.kafkaOffset(),
            consumed.timestamp(),
            consumed.timestampType()));
  }

  /**
   * Connect's side alone: JsonConverter (schemas.enable=true) {@code toConnectData} of one
   * envelope.
   */
  @Benchmark
  public SchemaAndValue jsonConverterOnly() {
    int i = nextIndex();
    return schemafulConverter.toConnectData(structRecords[i].topic(), envelopes[i]);
  }

  /**
   * The pipeline's default since issue #13: the envelope bytes on the topic handed over as they are
   * (ByteArrayConverter costs nothing) and read by the sink's raw path; compare with {@link
   * #structValueWithJsonConverter}, what the worker and the sink paid before.
   */
  @Benchmark
  public Outcome rawEnvelopeBytes() {
    return documents.build(rawEnvelopeRecords[nextIndex()]);
  }

  /** Schemaless JSON bytes handed over as they are (ByteArrayConverter) to the raw path. */
  @Benchmark
  public Outcome rawPlainJsonBytes() {
    return documents.build(rawPlainRecords[nextIndex()]);
  }

  /**
   * The Map case with the worker's step before it: JsonConverter (schemas.enable=false) {@code
   * toConnectData} of the schemaless JSON on the topic, then the bulk action; compare with {@link
   * #rawPlainJsonBytes}.
   */
  @Benchmark
  public Outcome mapValueWithJsonConverter() {
    int i = nextIndex();
    SinkRecord consumed = mapRecords[i];
    SchemaAndValue value = schemalessConverter.toConnectData(consumed.topic(), plainJson[i]);
    return documents.build(
        new SinkRecord(
            consumed.topic(),
            consumed.kafkaPartition(),
            consumed.keySchema(),
            consumed.key(),
            value.schema(),
            value.value(),
            consumed.kafkaOffset(),
            consumed.timestamp(),
            consumed.timestampType()));
  }
}
