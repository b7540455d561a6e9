package io.tidestream.bench.jmh.sink;

import io.tidestream.bench.jmh.BenchResources;
import io.tidestream.elastic.ElasticGeoSinkTask;
import io.tidestream.elastic.EngineSession;
import io.tidestream.elastic.bulk.BulkBody;
import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.bulk.Preflight;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The sink task's whole path per record, on one thread: {@link ElasticGeoSinkTask#put} of two polls
 * of {@value #POLL} water_level records (Connect's {@code max.poll.records}), each followed by a
 * pump of the bulk writer (as its sender thread would), which sends one {@code _bulk} request of
 * {@value #REQUEST} actions ({@code bulk.max.actions} of {@code config/elastic-sink.json}) to a
 * transport that acknowledges every item at once with the body the engine returns under the sink's
 * {@code filter_path}; then {@link ElasticGeoSinkTask#preCommit}. Documents, buffer, sender,
 * request body, response classification, item outcomes, offsets, metrics (a real Kafka metrics
 * registry, as the worker's plugin metrics) and the dead-letter bookkeeping all run; HTTP and the
 * engine do not.
 *
 * <p>One operation is one record, so ns/op is ns per record. The clock is fixed, so no batch is
 * sent for its linger time: every request holds exactly {@value #REQUEST} actions, whatever the
 * machine's speed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SinkTaskBenchmark {

  /** Records per put(): Connect's default {@code max.poll.records}. */
  public static final int POLL = 500;

  /** Actions per bulk request: {@code bulk.max.actions} of the shipped configuration. */
  public static final int REQUEST = 1000;

  private static final int POLLS = REQUEST / POLL;

  /**
   * Distinct records the polls cycle through: more than one request holds, so every action of a
   * request has its own document id (the sink sends the versions of one id one at a time, so a pool
   * smaller than a request would split it).
   */
  static final int POOL = 2048;

  /** The value shape the sink's converter hands over: {@code struct} or {@code map}. */
  @Param({"struct"})
  public String format;

  private final List<TopicPartition> partitions = new ArrayList<>();
  private ElasticGeoSinkTask task;
  private AckingTransport transport;
  private Metrics registry;
  private SinkRecord[] pool;
  private final List<List<SinkRecord>> polls = new ArrayList<>();
  private Map<TopicPartition, OffsetAndMetadata> consumed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Map<String, String> props =
        new LinkedHashMap<>(BenchResources.connectorConfig(BenchResources.SINK_CONFIG));
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(props);
    if (config.bulkMaxActions() != REQUEST) {
      throw new IllegalStateException(
          "config/elastic-sink.json now sends "
              + config.bulkMaxActions()
              + " actions per request; update SinkTaskBenchmark.REQUEST");
    }
    pool = records(new WaterLevelPool(POOL), format);
    for (int i = 0; i < SinkRecordsPartitions.PARTITIONS; i++) {
      partitions.add(new TopicPartition(pool[0].topic(), i));
    }
    registry = new Metrics();
    transport = new AckingTransport(REQUEST);
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    task = new ElasticGeoSinkTask(fixed, (c, mapper) -> transport.session(), false);
    task.initialize(
        new BenchContext(
            new PluginMetricsImpl(
                registry, new LinkedHashMap<>(Map.of("connector", "bench", "task", "0")))));
    task.start(props);
    task.open(partitions);
    for (int i = 0; i < POLLS; i++) {
      polls.add(new ArrayList<>(POLL));
    }
    consumed = new HashMap<>();
    for (TopicPartition tp : partitions) {
      consumed.put(tp, new OffsetAndMetadata(0));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    task.stop();
    registry.close();
  }

  /**
   * The pool's values as the worker's converter yields them, in SinkRecords of three partitions.
   */
  private static SinkRecord[] records(WaterLevelPool pool, String format) {
    JsonConverter converter = new JsonConverter();
    boolean schemas = format.equals("struct");
    if (!schemas && !format.equals("map")) {
      throw new IllegalArgumentException("format is struct or map, not " + format);
    }
    converter.configure(
        Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemas)), false);
    SinkRecord[] records = new SinkRecord[pool.values.length];
    for (int i = 0; i < records.length; i++) {
      byte[] onTopic = converter.fromConnectData(pool.topic, pool.schema, pool.values[i]);
      SchemaAndValue value = converter.toConnectData(pool.topic, onTopic);
      records[i] =
          SinkRecordsPartitions.record(
              pool.topic,
              i,
              pool.stationIds[i],
              ((Date) pool.values[i].get("time")).getTime(),
              value.schema(),
              value.value());
    }
    converter.close();
    return records;
  }

  /**
   * CPU time the benchmark thread spent, beside the wall time JMH scores: on a machine shared with
   * other work, {@code cpuNanos / records} (both summed per iteration in the results) is the
   * steadier figure of the two; {@code allocatedBytes / records} counts this thread's allocation
   * alone (the gc profiler's figure also counts other threads').
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    /** Thread CPU nanoseconds spent in the benchmark method during the iteration. */
    public long cpuNanos;

    /** Bytes the benchmark thread allocated in the benchmark method during the iteration. */
    public long allocatedBytes;

    /** Records handled during the iteration. */
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      allocatedBytes = 0;
      records = 0;
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Two polls put, each pumped, one request of {@value #REQUEST} acknowledged, then preCommit;
   * returns the committable offsets so the work cannot be dropped.
   */
  @Benchmark
  @OperationsPerInvocation(REQUEST)
  public Map<TopicPartition, OffsetAndMetadata> putAcknowledgeCommit(CpuTime cpu) {
    long started = THREADS.getCurrentThreadCpuTime();
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    for (List<SinkRecord> poll : polls) {
      nextPoll(poll);
      task.put(poll);
      task.writer().pump();
    }
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(consumed);
    cpu.allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocated;
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
    cpu.records += REQUEST;
    return committed;
  }

  /**
   * Fills {@code poll} with the next records of the pool, built once like the worker builds them
   * (so their cost stays out of the score); offsets repeat every {@value #POOL} records, which the
   * task does not mind.
   */
  private void nextPoll(List<SinkRecord> poll) {
    poll.clear();
    for (int i = 0; i < POLL; i++) {
      poll.add(pool[next]);
      next = (next + 1) & (pool.length - 1);
    }
  }

  /** Requests sent so far (for the benchmark's test). */
  int requests() {
    return transport.requests;
  }

  /** Actions of the last request, counted from its body (for the benchmark's test). */
  String lastBody() {
    return transport.lastBody == null
        ? null
        : new String(transport.lastBody.toByteArray(), StandardCharsets.UTF_8);
  }

  ElasticGeoSinkTask task() {
    return task;
  }

  /**
   * Answers every request at once, on the caller's thread, with the engine's answer to {@value
   * #REQUEST} successful index actions as the sink's {@code filter_path} trims it.
   */
  static final class AckingTransport implements BulkTransport {
    private final byte[] answer;
    int requests;
    BulkBody lastBody;

    AckingTransport(int actions) {
      StringBuilder body = new StringBuilder("{\"errors\":false,\"items\":[");
      for (int i = 0; i < actions; i++) {
        body.append(i == 0 ? "" : ",").append("{\"index\":{\"status\":201}}");
      }
      answer = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** As the REST transport does: takes the documents as they are, without joining them. */
    @Override
    public void send(BulkBody body, Listener listener) {
      requests++;
      lastBody = body;
      listener.onResponse(200, answer);
    }

    @Override
    public void send(byte[] body, Listener listener) {
      send(new BulkBody(new byte[][] {body}), listener);
    }

    EngineSession session() {
      BulkTransport self = this;
      return new EngineSession() {
        @Override
        public BulkTransport transport() {
          return self;
        }

        @Override
        public Preflight preflight() {
          return null;
        }
      };
    }
  }

  /** What the worker gives the task: plugin metrics, a reporter that confirms every write. */
  private static final class BenchContext implements SinkTaskContext {
    private final PluginMetrics metrics;

    BenchContext(PluginMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public Set<TopicPartition> assignment() {
      return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      return (record, error) -> {
        Future<Void> done = CompletableFuture.completedFuture(null);
        return done;
      };
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return metrics;
    }
  }

  /** How the benchmarks deal records to the source topics' partitions. */
  static final class SinkRecordsPartitions {
    /** {@code topic.creation.default.partitions} in noaa-source.json. */
    static final int PARTITIONS = 3;

    private SinkRecordsPartitions() {}

    static SinkRecord record(
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
  }
}
