package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connector part of the progress line, from the two answers Connect gives right after both
 * connectors were registered: {@code ?expand=info} lists both with the tasks Connect made for them,
 * {@code ?expand=status} leaves out the source (no status recorded yet) and lists only the sink
 * task that has reported.
 */
class ProgressTest {

  static final JsonNode INFO =
      json(
          """
          {"elastic-sink": {"info": {"name": "elastic-sink", "type": "sink", "config": {},
                                     "tasks": [{"connector": "elastic-sink", "task": 0},
                                               {"connector": "elastic-sink", "task": 1}]}},
           "noaa-source": {"info": {"name": "noaa-source", "type": "source", "config": {},
                                    "tasks": [{"connector": "noaa-source", "task": 0},
                                              {"connector": "noaa-source", "task": 1}]}}}\
          """);

  static final JsonNode JUST_REGISTERED =
      json(
          """
          {"elastic-sink": {"status": {"name": "elastic-sink", "type": "sink",
                                       "connector": {"state": "RUNNING", "worker_id": "127.0.0.1:8083"},
                                       "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083"}]}}}\
          """);

  static final JsonNode ALL_RUNNING =
      json(
          """
          {"elastic-sink": {"status": {"connector": {"state": "RUNNING"},
                                       "tasks": [{"id": 0, "state": "RUNNING"}, {"id": 1, "state": "RUNNING"}]}},
           "noaa-source": {"status": {"connector": {"state": "RUNNING"},
                                      "tasks": [{"id": 0, "state": "RUNNING"}, {"id": 1, "state": "FAILED"}]}}}\
          """);

  @Test
  void everyConnectorIsShownWithTheTasksConnectMadeForItSourceFirst() {
    assertThat(Progress.connectors(INFO, JUST_REGISTERED))
        .isEqualTo(
            "noaa-source STARTING (0/2 tasks running) | elastic-sink RUNNING (1/2 tasks running)");
  }

  @Test
  void failedTasksAreCounted() {
    assertThat(Progress.connectors(INFO, ALL_RUNNING))
        .isEqualTo(
            "noaa-source RUNNING (1/2 tasks running, 1 FAILED) | elastic-sink RUNNING (2/2 tasks"
                + " running)");
  }

  @Test
  void aConnectorWhoseTasksAreNotMadeYetSaysSo() {
    JsonNode info =
        json(
            """
            {"noaa-source": {"info": {"type": "source", "tasks": []}}}\
            """);
    assertThat(Progress.connectors(info, json("{}")))
        .isEqualTo("noaa-source STARTING (no tasks yet)");
    assertThat(Progress.connectors(json("{}"), json("{}"))).isEqualTo("no connectors");
  }

  @Test
  void allRunningOnlyWhenEveryTaskOfEveryConnectorRuns() {
    List<String> both = List.of("noaa-source", "elastic-sink");
    assertThat(Progress.allRunning(INFO, JUST_REGISTERED, both)).isFalse();
    assertThat(Progress.allRunning(INFO, JUST_REGISTERED, List.of("elastic-sink"))).isFalse();
    assertThat(Progress.allRunning(INFO, ALL_RUNNING, List.of("elastic-sink"))).isTrue();
    assertThat(Progress.allRunning(INFO, ALL_RUNNING, both)).isFalse();
  }

  private static JsonNode json(String s) {
    try {
      return JsonHttp.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
