package io.tidestream.bench.jmh.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the task-path benchmark body after the benchmark's own setup and checks that it did the
 * whole work: one full request of real bulk actions, every record acknowledged, offsets committed.
 */
class SinkTaskBenchmarkTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final SinkTaskBenchmark bench = new SinkTaskBenchmark();
  private final SinkTaskBenchmark.CpuTime cpu = new SinkTaskBenchmark.CpuTime();

  @BeforeEach
  void setUp() {
    bench.format = "struct";
    bench.setUp();
  }

  @AfterEach
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void oneInvocationSendsOneFullRequestAndCommitsEveryRecord() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = bench.putAcknowledgeCommit(cpu);

    assertThat(bench.requests()).isEqualTo(1);
    String[] lines = bench.lastBody().split("\n");
    assertThat(lines).hasSize(2 * SinkTaskBenchmark.REQUEST);
    JsonNode action = mapper.readTree(lines[0]).path("index");
    assertThat(action.path("_index").asText()).isEqualTo("tides-noaa.water_level");
    assertThat(action.path("_id").asText()).isEqualTo("8724580|water_level|1420070400000");
    assertThat(mapper.readTree(lines[1]).path("location").path("lat").asDouble())
        .isEqualTo(24.5557);
    assertThat(bench.task().writer().acknowledgedCount()).isEqualTo(SinkTaskBenchmark.REQUEST);
    assertThat(bench.task().writer().bufferedRecords()).isZero();
    // 1000 records of a 512-record pool dealt over three partitions: every partition is past its
    // last record.
    assertThat(committed).hasSize(3);
    assertThat(committed.values()).allMatch(o -> o.offset() > 0);
  }

  @Test
  void everyInvocationSendsExactlyOneFullRequest() {
    for (int i = 0; i < 5; i++) {
      bench.putAcknowledgeCommit(cpu);
      assertThat(bench.lastBody().split("\n")).hasSize(2 * SinkTaskBenchmark.REQUEST);
    }
    assertThat(bench.requests()).isEqualTo(5);
    assertThat(cpu.records).isEqualTo(5L * SinkTaskBenchmark.REQUEST);
    assertThat(cpu.cpuNanos).isPositive();
    assertThat(bench.task().writer().acknowledgedCount()).isEqualTo(5L * SinkTaskBenchmark.REQUEST);
  }
}
