package io.tidestream.pipeline;

import io.tidestream.pipeline.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code starting.pid}: the {@code ./pipeline up} that is starting the pipeline in a state folder,
 * so that {@code down} can find and interrupt it and a second {@code up} refuses.
 */
final class StartingLauncher {

  private final StateDir state;

  StartingLauncher(StateDir state) {
    this.state = state;
  }

  /** The {@code ./pipeline up} that is starting this pipeline right now, if one is. */
  Optional<ManagedProcess> find() {
    return ManagedProcess.fromPidFile("./pipeline up", state.startingPid(), state.log("launcher"));
  }

  /** This launcher is starting the pipeline: ./pipeline down finds it here and interrupts it. */
  void recordThisProcess() {
    try {
      ManagedProcess.writePidFile(ProcessHandle.current(), state.startingPid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void forget() {
    state.startingPid().toFile().delete();
  }
}
