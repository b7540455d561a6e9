package io.tidestream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineMainTest {

  @TempDir Path state;

  @Test
  void anUnknownEngineIsOneLineAndExitCodeOne() {
    Captured c =
        capture(() -> PipelineMain.run("up", "--engine", "solr", "--state-dir", state.toString()));
    assertThat(c.code).isEqualTo(1);
    assertThat(c.err.strip()).startsWith("pipeline: Unknown engine 'solr'").doesNotContain("\n");
  }

  @Test
  void statusOfAPipelineThatNeverRanSaysHowToStartIt() {
    Captured c = capture(() -> PipelineMain.run("status", "--state-dir", state.toString()));
    assertThat(c.code).isEqualTo(3);
    assertThat(c.out).contains("The pipeline is not running").contains("./pipeline up");
  }

  @Test
  void downWithNothingRunningSaysSo() {
    Captured c = capture(() -> PipelineMain.run("down", "--state-dir", state.toString()));
    assertThat(c.code).isZero();
    assertThat(c.out.strip()).isEqualTo("Nothing was running.");
  }

  @Test
  void logsOfAnUnknownComponentNamesTheFolder() throws Exception {
    Files.createDirectories(state.resolve("logs"));
    Captured c = capture(() -> PipelineMain.run("logs", "kafak", "--state-dir", state.toString()));
    assertThat(c.code).isEqualTo(1);
    assertThat(c.err).contains("pipeline: No log for 'kafak'");
  }

  @Test
  void simulatorOptionsWithoutTheSimulatorAskForIt() {
    Captured c =
        capture(
            () ->
                PipelineMain.run("up", "--sim-clock-speed", "60", "--state-dir", state.toString()));
    assertThat(c.code).isEqualTo(1);
    assertThat(c.err.strip()).startsWith("pipeline: --sim-clock-start").endsWith("add --noaa sim.");
  }

  @Test
  void aClockThatDoesNotRunIsRefused() {
    Captured c =
        capture(
            () ->
                PipelineMain.run(
                    "up",
                    "--noaa",
                    "sim",
                    "--sim-clock-speed",
                    "0",
                    "--state-dir",
                    state.toString()));
    assertThat(c.code).isEqualTo(1);
    assertThat(c.err.strip()).isEqualTo("pipeline: --sim-clock-speed must be above 0, got 0.0");
  }

  @Test
  void restartOfAPipelineThatNeverRanNamesTheFolder() {
    Captured c =
        capture(() -> PipelineMain.run("restart", "connect-1", "--state-dir", state.toString()));
    assertThat(c.code).isEqualTo(1);
    assertThat(c.err).contains("pipeline: No component connect-1 in the pipeline in " + state);
  }

  private record Captured(int code, String out, String err) {}

  private static Captured capture(java.util.function.IntSupplier run) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = run.getAsInt();
      return new Captured(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
