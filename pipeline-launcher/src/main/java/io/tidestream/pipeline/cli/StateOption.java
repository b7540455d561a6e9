package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every subcommand shares. */
final class StateOption {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Folder for logs, pids and data (default: .pipeline in the checkout).")
  Path stateDir;

  StateDir resolve(ProjectHome home) {
    return new StateDir(stateDir != null ? stateDir : home.root().resolve(".pipeline"));
  }
}
