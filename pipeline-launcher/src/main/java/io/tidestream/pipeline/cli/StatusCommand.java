package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Which components run, and records, documents and connector states.")
final class StatusCommand implements Callable<Integer> {

  @Mixin StateOption state;

  @Option(names = "--watch", description = "Keep the progress line updated until Ctrl-C.")
  boolean watch;

  @Override
  public Integer call() {
    ProjectHome home = ProjectHome.locate();
    StateDir dir = state.resolve(home, System.out);
    PipelineStack stack = new PipelineStack(home, dir, System.out);
    stack
        .starting()
        .ifPresent(
            p -> System.out.println("./pipeline up (pid " + p.pid() + ") is still starting it."));
    if (stack.components().isEmpty()) {
      System.out.println(
          "The pipeline is not running (no state in "
              + dir.root()
              + "). Start it with ./pipeline up.");
      return 3;
    }
    boolean allUp = true;
    for (String c : stack.components()) {
      var p = dir.running(c);
      allUp &= p.isPresent();
      System.out.printf(
          "  %-16s %s%n",
          c,
          p.map(x -> "running (pid " + x.pid() + ")")
              .orElse("stopped -- see ./pipeline logs " + c));
    }
    if (!stack.anyRunning()) {
      System.out.println(
          "Nothing runs. Start with ./pipeline up (or clear the state with ./pipeline down"
              + " --purge).");
      return 3;
    }
    if (watch) {
      watch(stack);
    } else {
      System.out.println(stack.progressLine());
    }
    return allUp ? 0 : 1;
  }

  static void watch(PipelineStack stack) {
    String previous = "";
    while (true) {
      String line = stack.progressLine();
      String padded =
          line.length() < previous.length()
              ? line + " ".repeat(previous.length() - line.length())
              : line;
      System.out.print("\r" + padded);
      System.out.flush();
      previous = line;
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        System.out.println();
        return;
      }
    }
  }
}
