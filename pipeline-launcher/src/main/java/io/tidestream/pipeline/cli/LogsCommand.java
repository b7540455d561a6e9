package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.process.ManagedProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show a component's log.")
final class LogsCommand implements Callable<Integer> {

  @Mixin StateOption state;

  @Parameters(
      paramLabel = "COMPONENT",
      description = "kafka, connect-1, connect-2, opensearch-2, simulator, ...")
  String component;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "100",
      description = "How many of the last lines (default 100).")
  int lines;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ProjectHome home = ProjectHome.locate();
    StateDir dir = state.resolve(home, System.out);
    Path log = dir.log(component);
    if (!Files.isRegularFile(log)) {
      List<String> known = new PipelineStack(home, dir, System.out).components();
      throw new LauncherException(
          "No log for '"
              + component
              + "' in "
              + dir.root().resolve("logs")
              + (known.isEmpty()
                  ? ": the pipeline has not run here."
                  : ": components are " + String.join(", ", known)));
    }
    System.out.println(ManagedProcess.LogFiles.tail(log, lines));
    if (follow) {
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        long pos = file.length();
        while (!Thread.currentThread().isInterrupted()) {
          if (file.length() > pos) {
            file.seek(pos);
            byte[] buf = new byte[(int) Math.min(file.length() - pos, 1 << 20)];
            file.readFully(buf);
            pos += buf.length;
            System.out.write(buf);
            System.out.flush();
          }
          Thread.sleep(500);
        }
      }
    }
    return 0;
  }
}
