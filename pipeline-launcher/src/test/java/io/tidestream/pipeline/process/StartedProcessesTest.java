package io.tidestream.pipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.pipeline.LauncherException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartedProcessesTest {

  @TempDir Path dir;

  @Test
  void anAbortStopsWhatWasStartedNewestFirstAndRefusesLaterStarts() {
    StartedProcesses started = new StartedProcesses();
    ManagedProcess first = started.start(() -> sleeper("first"), p -> p);
    ManagedProcess second = started.start(() -> sleeper("second"), p -> p);

    assertThat(started.abort()).containsExactly(second, first);
    assertThat(first.isAlive()).isFalse();
    assertThat(second.isAlive()).isFalse();
    boolean[] ran = {false};
    assertThatThrownBy(
            () ->
                started.start(
                    () -> {
                      ran[0] = true;
                      return sleeper("third");
                    },
                    p -> p))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("interrupted");
    assertThat(ran[0]).as("a start after the abort").isFalse();
  }

  @Test
  void aCompletedStartKeepsItsProcesses() {
    StartedProcesses started = new StartedProcesses();
    ManagedProcess p = started.start(() -> sleeper("kept"), x -> x);
    started.keep();
    assertThat(started.abort()).isEmpty();
    assertThat(p.isAlive()).isTrue();
    p.stop(java.time.Duration.ofSeconds(5));
  }

  private ManagedProcess sleeper(String name) {
    return ManagedProcess.start(
        new ManagedProcess.Spec(
            name, List.of("sleep", "300"), Map.of(), dir, dir.resolve(name + ".log"), null, false));
  }
}
