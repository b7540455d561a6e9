package io.tidestream.bench;

import io.tidestream.pipeline.LauncherException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code ./pipeline bench}: errors become one {@code pipeline bench: …} line. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new BenchCommand().withArgs(args));
    cli.setCommandName("./pipeline bench");
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof LauncherException || e instanceof BenchException) {
        err.println("pipeline bench: " + e.getMessage());
      } else {
        err.println("pipeline bench: unexpected error: " + e);
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
