package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description =
        "Restart components one at a time, each ready before the next stops, with the settings"
            + " of their ./pipeline up (a rolling restart).")
final class RestartCommand implements Callable<Integer> {

  @Mixin StateOption state;

  @Option(names = "--kill", description = "Stop each with SIGKILL, as a crash would.")
  boolean kill;

  @Parameters(
      arity = "1..*",
      paramLabel = "COMPONENT",
      description = "Names as ./pipeline status shows them, e.g. connect-1 connect-2 connect-3.")
  List<String> components;

  @Override
  public Integer call() {
    ProjectHome home = ProjectHome.locate();
    StateDir dir = state.resolve(home, System.out);
    PipelineStack stack = new PipelineStack(home, dir, System.out);
    for (String c : components) {
      stack.restart(c, kill);
    }
    return 0;
  }
}
