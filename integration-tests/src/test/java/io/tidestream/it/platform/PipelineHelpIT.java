package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.ProjectHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Help never builds. Each case runs {@code ./pipeline} in a copy of the checkout whose {@code
 * ./mvnw} fails and leaves a mark, so a build that help started would show: once in a fresh clone
 * with nothing built, once where a source is newer than the last build (the wrapper would rebuild
 * before {@code up}).
 */
class PipelineHelpIT {

  static final List<List<String>> HELP =
      List.of(
          List.of(),
          List.of("--help"),
          List.of("-h"),
          List.of("help"),
          List.of("up", "--help"),
          List.of("up", "-h"),
          List.of("up", "--noaa", "sim", "--help"),
          List.of("help", "up"),
          List.of("bench", "--help"),
          List.of("bench", "-h"),
          List.of("status", "--help"),
          List.of("down", "-h"),
          List.of("test", "--help"));

  @TempDir Path tmp;

  @Test
  void helpInAFreshCloneExitsZeroWithTheCommandsAndBuildsNothing() throws Exception {
    Path checkout = copyOfTheWrapper(tmp.resolve("fresh"));
    for (List<String> args : HELP) {
      Run run = pipeline(checkout, args);
      assertThat(run.exitCode()).as("./pipeline %s\n%s", args, run.output()).isZero();
      assertThat(checkout.resolve("mvnw-was-run"))
          .as("./pipeline %s started a build", args)
          .doesNotExist();
      if (!args.contains("test")) {
        assertThat(run.output())
            .as("./pipeline %s", args)
            .contains(
                "Usage: ./pipeline COMMAND", "up", "status", "logs", "down", "sim", "bench", "test")
            .contains("./pipeline up builds");
      }
    }
  }

  @Test
  void helpOfAStaleBuildIsPicocliHelpAndBuildsNothing() throws Exception {
    Path real = ProjectHome.locate().root();
    Path checkout = copyOfTheWrapper(tmp.resolve("stale"));
    Path target = checkout.resolve("pipeline-launcher/target");
    Files.createDirectories(target.resolve("classes/io/tidestream/pipeline"));
    Path realTarget = real.resolve("pipeline-launcher/target");
    String version = ProjectHome.locate().build().version();
    for (String file :
        List.of(
            "classpath.txt",
            "pipeline-launcher-" + version + ".jar",
            "classes/io/tidestream/pipeline/build.properties")) {
      Files.copy(realTarget.resolve(file), target.resolve(file));
    }
    // a source newer than the build: ./pipeline up would rebuild now
    Path source = checkout.resolve("pipeline-launcher/src/main/java/Changed.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Changed {}\n");
    source.toFile().setLastModified(System.currentTimeMillis() + 60_000);

    Run up = pipeline(checkout, List.of("up", "--help"));
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("Usage: pipeline up", "--state-dir", "--noaa");
    Run main = pipeline(checkout, List.of("--help"));
    assertThat(main.exitCode()).as(main.output()).isZero();
    assertThat(main.output()).contains("Usage: pipeline", "Commands:", "./pipeline test");
    assertThat(checkout.resolve("mvnw-was-run")).as("help started a build").doesNotExist();
  }

  /** The wrapper script, and an mvnw that fails and leaves {@code mvnw-was-run} behind. */
  private static Path copyOfTheWrapper(Path checkout) throws IOException {
    Path real = ProjectHome.locate().root();
    Files.createDirectories(checkout);
    Files.copy(
        real.resolve("pipeline"), checkout.resolve("pipeline"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(real.resolve("pom.xml"), checkout.resolve("pom.xml"));
    Path mvnw = checkout.resolve("mvnw");
    Files.writeString(
        mvnw,
        "#!/bin/sh\ntouch \"$(dirname \"$0\")/mvnw-was-run\"\necho 'BUILD FAILURE (test)' >&2\n"
            + "exit 1\n");
    mvnw.toFile().setExecutable(true);
    return checkout;
  }

  record Run(int exitCode, String output) {}

  private static Run pipeline(Path checkout, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(checkout.resolve("pipeline").toString());
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true);
    pb.environment().remove("TIDESTREAM_NO_BUILD");
    pb.environment().remove("TIDESTREAM_HOME");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("./pipeline %s ended", args).isTrue();
    return new Run(p.exitValue(), out);
  }
}
