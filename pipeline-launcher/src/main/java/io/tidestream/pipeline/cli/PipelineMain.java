package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.LauncherException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./pipeline}: run the whole NOAA → Kafka → Connect → search engine pipeline locally. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Runs Kafka, a distributed Kafka Connect cluster with the tidestream plugins, a search engine "
        + "and (with --noaa sim) the NOAA simulator on this machine, without Docker.",
    footer = {"", "Benchmarks: ./pipeline bench (see ./pipeline bench --help) measures the sink against the engine's "
        + "own bulk ceiling, end-to-end latency and the worker's heap."},
    subcommands = {UpCommand.class, StatusCommand.class, LogsCommand.class, DownCommand.class, SimCommand.class,
        CommandLine.HelpCommand.class})
public final class PipelineMain {

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
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
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
