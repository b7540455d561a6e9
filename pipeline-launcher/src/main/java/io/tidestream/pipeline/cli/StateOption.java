package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.StatePointer;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option every subcommand shares. */
final class StateOption {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Folder for logs, pids and data (default: the one the last ./pipeline up used, else "
              + "$TIDESTREAM_STATE_HOME, else .pipeline in the checkout).")
  Path stateDir;

  /**
   * Where the default state folder and the pointer live: {@code .pipeline} in the checkout, or
   * {@code $TIDESTREAM_STATE_HOME}.
   */
  static StatePointer pointer(ProjectHome home) {
    String env = System.getenv("TIDESTREAM_STATE_HOME");
    return new StatePointer(
        env == null || env.isBlank() ? home.root().resolve(".pipeline") : Path.of(env));
  }

  /**
   * The folder given, else the one the last {@code up --state-dir} used (said on {@code out}), else
   * the default.
   */
  StateDir resolve(ProjectHome home, PrintStream out) {
    if (stateDir != null) {
      return new StateDir(stateDir);
    }
    StatePointer.Choice choice = pointer(home).choose();
    choice.note().ifPresent(out::println);
    return choice.dir();
  }
}
