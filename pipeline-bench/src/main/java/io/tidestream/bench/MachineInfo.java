package io.tidestream.bench;

import io.tidestream.pipeline.ProjectHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the results were measured on: cores, memory, CPU model, OS, Java and the versions of the
 * pieces.
 */
final class MachineInfo {
  private MachineInfo() {}

  static BenchResults.Machine describe(ProjectHome home, String engine) {
    return new BenchResults.Machine(
        Runtime.getRuntime().availableProcessors(),
        memoryBytes(),
        cpuModel(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        home.build().kafkaVersion(),
        engine,
        "tidestream " + home.build().version(),
        commit(home.root()));
  }

  /** Total memory from /proc/meminfo; 0 when it cannot be read. */
  static long memoryBytes() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  static String cpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  /**
   * The checkout's commit, with "+ local changes" when the work tree differs from it; empty without
   * git.
   */
  static String commit(Path root) {
    String head = git(root, "rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "";
    }
    String status = git(root, "status", "--porcelain", "--untracked-files=no");
    return status.isEmpty() ? head : head + " + local changes";
  }

  private static String git(Path root, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
