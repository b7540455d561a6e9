package io.tidestream.bench;

import io.tidestream.pipeline.cli.PipelineMain;
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
    return PipelineMain.execute(cli, "pipeline bench", args);
  }
}
