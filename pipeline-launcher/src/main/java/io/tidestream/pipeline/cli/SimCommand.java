package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.ProjectHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Run the NOAA simulator alone in the foreground (Ctrl-C stops it).",
      "Options after -- go to the simulator, e.g. ./pipeline sim -- --stations 500 --help"
    })
final class SimCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "8088",
      description = "Port to listen on (default 8088).")
  int port;

  @Parameters(
      paramLabel = "SIMULATOR_ARGS",
      arity = "0..*",
      description = "Passed to the simulator.")
  List<String> simulatorArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ProjectHome home = ProjectHome.locate();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                home.simulatorClassPath(),
                "io.tidestream.sim.NoaaSimulatorMain",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port)));
    cmd.addAll(simulatorArgs);
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }
}
