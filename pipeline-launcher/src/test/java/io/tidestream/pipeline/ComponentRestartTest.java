package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What restart refuses, before it stops anything; the restarts themselves run in the ITs. */
class ComponentRestartTest {

  @TempDir Path dir;

  private ComponentRestart restart(StateDir state) {
    return new ComponentRestart(
        new ProjectHome(dir, BuildInfo.load()),
        state,
        new PrintStream(new ByteArrayOutputStream()));
  }

  private StateDir started() {
    StateDir state = new StateDir(dir.resolve("state"));
    PipelineStack.Options o = StackFileTest.options(3, null, 1);
    MonitoringPlan plan =
        new MonitoringPlan(
            List.of(List.of(), List.of(), List.of()), List.of(), Path.of("prometheus"), 9390, "cp");
    StackFile.write(state, o, StackFile.components(o, plan), plan);
    return state;
  }

  @Test
  void aComponentThePipelineDoesNotHaveIsNamedWithTheOnesItHas() {
    assertThatThrownBy(() -> restart(started()).stop("connect-4", true))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("No component connect-4")
        .hasMessageContaining("connect-1, connect-2, connect-3");
  }

  @Test
  void monitoringIsRestartedWithTheWholePipelineOnly() {
    assertThatThrownBy(() -> restart(started()).start("prometheus"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("prometheus cannot be restarted on its own");
  }

  @Test
  void aStateFolderWithoutRecordedSettingsSaysHowToStartAgain() throws Exception {
    StateDir state = started();
    com.fasterxml.jackson.databind.node.ObjectNode stack =
        (com.fasterxml.jackson.databind.node.ObjectNode) state.stack().orElseThrow();
    stack.remove("options");
    state.writeStack(stack);
    assertThatThrownBy(() -> restart(state).start("kafka"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("./pipeline down")
        .hasMessageContaining("./pipeline up");
  }
}
