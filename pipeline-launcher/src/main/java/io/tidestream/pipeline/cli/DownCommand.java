package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop every component (newest first).")
final class DownCommand implements Callable<Integer> {

  @Mixin StateOption state;

  @Option(names = "--purge", description = "Also delete the state folder: topics, indices, logs.")
  boolean purge;

  @Override
  public Integer call() {
    ProjectHome home = ProjectHome.locate();
    StateDir dir = state.resolve(home, System.out);
    PipelineStack stack = new PipelineStack(home, dir, System.out);
    List<String> report = stack.down(purge);
    StateOption.pointer(home).forget(dir);
    if (report.isEmpty()) {
      System.out.println("Nothing was running.");
    }
    report.forEach(System.out::println);
    return 0;
  }
}
