package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.LauncherException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline}: run the whole NOAA → Kafka → Connect → search engine pipeline locally. {@code
 * bench} and {@code test} are run by the wrapper script ({@code bench} with its own main class,
 * {@code test} in bash); the script's static usage, shown before anything is built, lists the same
 * commands with the same descriptions (StaticUsageTest).
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Runs Kafka, a distributed Kafka Connect cluster with the tidestream plugins, a search"
            + " engine and (with --noaa sim) the NOAA simulator on this machine, without Docker.",
    footer = {
      "",
      "Also:",
      "  bench   " + PipelineMain.BENCH,
      "  test    " + PipelineMain.TEST,
      "Each has --help: ./pipeline bench --help, ./pipeline test --help."
    },
    subcommands = {
      UpCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      DownCommand.class,
      RestartCommand.class,
      SimCommand.class,
      RemapCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PipelineMain implements Runnable {

  /** What {@code ./pipeline bench} does, as both usages say it. */
  static final String BENCH =
      "Measure the sink against the engine's own bulk ceiling, the streaming capacity, latency and"
          + " the worker's heap.";

  /** What {@code ./pipeline test} does, as both usages say it. */
  static final String TEST =
      "Check (as root: install) what the tests need, then run ./mvnw verify.";

  @Spec CommandSpec spec;

  /** {@code ./pipeline} alone: the usage, as for --help. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return execute(new CommandLine(new PipelineMain()), "pipeline", args);
  }

  /**
   * Runs {@code cli} so that a {@link LauncherException} ends as one {@code <prefix>: …} line and
   * anything else as one line too, with the stack trace only under {@code TIDESTREAM_DEBUG}.
   */
  public static int execute(CommandLine cli, String prefix, String... args) {
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof LauncherException) {
            err.println(prefix + ": " + e.getMessage());
          } else {
            err.println(prefix + ": unexpected error: " + e);
            err.println("  (run with TIDESTREAM_DEBUG=1 for the stack trace)");
            if (System.getenv("TIDESTREAM_DEBUG") != null) {
              e.printStackTrace(err);
            }
          }
          err.flush();
          return 1;
        });
    return cli.execute(args);
  }
}
