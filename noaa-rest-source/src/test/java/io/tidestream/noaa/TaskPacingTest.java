package io.tidestream.noaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.config.NoaaTaskConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector's tasks together, as Connect runs them: configured by the connector, started at the
 * same instant, polled in turn on one fake clock. NOAA never answers, so every request the tasks
 * send keeps its unit out of the task's queue, and the number sent can be read from the queues
 * without any real-time waiting.
 */
class TaskPacingTest {

  /** A whole second: a slot boundary for every rate whose period divides a second. */
  static final Instant START = Instant.parse("2026-01-10T00:00:00Z");

  private final ManualClock clock = new ManualClock(START);
  private MockWebServer noaa;
  private NoaaSourceConnector connector;
  private final List<NoaaSourceTask> tasks = new ArrayList<>();

  @BeforeEach
  void startNoaa() throws IOException {
    noaa = new MockWebServer();
    noaa.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getRequestUrl().encodedPath().contains("/mdapi/")) {
              return new MockResponse().setBody(Fixtures.text(Fixtures.STATIONS_LIST));
            }
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
          }
        });
    noaa.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopAll() throws IOException {
    tasks.forEach(NoaaSourceTask::stop);
    if (connector != null) {
      connector.stop();
    }
    noaa.shutdown();
  }

  /** The first 300 stations of the recorded station list. */
  static List<String> stations(int count) throws IOException {
    JsonNode list = new ObjectMapper().readTree(Fixtures.text(Fixtures.STATIONS_LIST));
    List<String> ids = new ArrayList<>();
    list.path("stations").forEach(s -> ids.add(s.path("id").asText()));
    return ids.subList(0, count);
  }

  private List<Map<String, String>> taskConfigs(double rate, int maxTasks) throws IOException {
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, String.join(",", stations(300)));
    p.put(NoaaSourceConfig.PRODUCTS, "water_level");
    p.put(NoaaSourceConfig.START, "PT6H");
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, Double.toString(rate));
    p.put(NoaaSourceConfig.READ_TIMEOUT, "600000");
    p.put(NoaaSourceConfig.METADATA_URL, noaa.url("/mdapi/prod/webapi").toString());
    p.put(NoaaSourceConfig.DATA_URL, noaa.url("/api/prod/datagetter").toString());
    connector = new NoaaSourceConnector(clock, clock::advance);
    connector.start(p);
    return connector.taskConfigs(maxTasks);
  }

  private void startTasks(List<Map<String, String>> configs) {
    for (Map<String, String> config : configs) {
      NoaaSourceTask task = new NoaaSourceTask(clock, Duration.ZERO);
      SourceTaskContext context = mock(SourceTaskContext.class);
      OffsetStorageReader offsets = mock(OffsetStorageReader.class);
      when(offsets.offsets(any())).thenReturn(Map.of());
      when(context.offsetStorageReader()).thenReturn(offsets);
      task.initialize(context);
      task.start(config);
      tasks.add(task);
    }
  }

  /** Requests sent so far by each task: its units that left the queue and never came back. */
  private List<Integer> sentPerTask(List<Map<String, String>> configs) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      int units = configs.get(i).get(NoaaTaskConfig.UNITS).split(",").length;
      out.add(units - tasks.get(i).units().size());
    }
    return out;
  }

  private void pollEveryTaskOnce() throws InterruptedException {
    for (NoaaSourceTask t : tasks) {
      t.poll();
    }
  }

  @Test
  void sevenTasksStartedTogetherSendOneRequestPerSecondInTurnNotSevenAtOnce() throws Exception {
    List<Map<String, String>> configs = taskConfigs(1.0, 7);
    startTasks(configs);
    assertThat(tasks).hasSize(7);

    for (int second = 0; second < 21; second++) {
      pollEveryTaskOnce();
      List<Integer> sent = sentPerTask(configs);
      assertThat(sent.stream().mapToInt(Integer::intValue).sum())
          .as(
              "requests of all 7 tasks together after %s s at 1 request/s (per task: %s)",
              second, sent)
          .isEqualTo(second + 1);
      clock.advance(Duration.ofSeconds(1));
    }
    // three full rounds: each task had exactly three turns
    assertThat(sentPerTask(configs)).containsOnly(3);
  }
}
