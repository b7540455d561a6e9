package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.engine.EngineKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {

  static PipelineStack.Options options(int workers, String clockStart, double clockSpeed) {
    return options(workers, clockStart, clockSpeed, 0);
  }

  static PipelineStack.Options options(
      int workers, String clockStart, double clockSpeed, int stations) {
    return new PipelineStack.Options(
        true,
        EngineKind.OPENSEARCH_3,
        19092,
        18083,
        workers,
        19200,
        18088,
        3,
        19404,
        19090,
        19390,
        clockStart,
        clockSpeed,
        stations);
  }

  @Test
  void theOptionsAndEachWorkersJvmArgumentsComeBackAsTheStartWroteThem(@TempDir Path dir) {
    StateDir state = new StateDir(dir);
    PipelineStack.Options o = options(3, "2026-12-01T00:00:00Z", 60, 30);
    MonitoringPlan plan =
        new MonitoringPlan(
            List.of(List.of("-javaagent:a.jar=19404:r.yml"), List.of(), List.of("-Dx=3")),
            List.of("127.0.0.1:19404"),
            null,
            0,
            null);

    StackFile.write(state, o, StackFile.components(o, plan), plan);

    assertThat(StackFile.options(state)).contains(o);
    assertThat(StackFile.workerJvmArgs(state, 0)).containsExactly("-javaagent:a.jar=19404:r.yml");
    assertThat(StackFile.workerJvmArgs(state, 1)).isEmpty();
    assertThat(StackFile.workerJvmArgs(state, 2)).containsExactly("-Dx=3");
    assertThat(StackFile.components(state))
        .containsExactly(
            "kafka", "simulator", "opensearch-3", "connect-1", "connect-2", "connect-3");
  }

  @Test
  void nothingStartedHasNoOptions(@TempDir Path dir) {
    assertThat(StackFile.options(new StateDir(dir))).isEmpty();
  }

  @Test
  void theSimulatorGetsClockArgumentsOnlyForWhatWasAskedFor() {
    assertThat(options(2, null, 1).simulatorArgs()).isEmpty();
    assertThat(options(2, "2026-12-01T00:00:00Z", 1).simulatorArgs())
        .containsExactly("--clock-start", "2026-12-01T00:00:00Z");
    assertThat(options(2, null, 60).simulatorArgs()).containsExactly("--clock-speed", "60.0");
    assertThat(options(2, null, 1, 30).simulatorArgs()).containsExactly("--stations", "30");
  }
}
