package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.RunAs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pipeline test} checks what the test suite needs before Maven runs. The script runs in a
 * copy of the checkout whose {@code mvnw} and {@code apt-get} only leave a mark, with a PATH that
 * holds just the tools each case gives it; as a user other than root (nobody, when the test runs as
 * root), as a developer would.
 */
class PipelineTestScriptTest {

  static final List<String> BASICS =
      List.of(
          "bash",
          "env",
          "dirname",
          "sed",
          "head",
          "id",
          "grep",
          "cat",
          "awk",
          "nproc",
          "free",
          "apt-cache",
          "setpriv",
          "useradd");

  @TempDir Path tmp;
  Path checkout;
  Path bin;
  Path jdk21;

  @BeforeEach
  void copyOfTheCheckout() throws IOException {
    checkout = Files.createDirectories(tmp.resolve("checkout"));
    Files.copy(
        Path.of("..", "pipeline"),
        checkout.resolve("pipeline"),
        StandardCopyOption.COPY_ATTRIBUTES);
    mark(checkout.resolve("mvnw"), "mvnw-was-run");
    bin = Files.createDirectories(tmp.resolve("bin"));
    mark(bin.resolve("apt-get"), "apt-get-was-run");
    for (String tool : BASICS) {
      give(tool);
    }
    // a JDK 21+ where the launcher looks for one, so the machine's own JDKs do not matter here
    jdk21 = Files.createDirectories(tmp.resolve("jdk21/bin"));
    Files.writeString(jdk21.resolveSibling("release"), "JAVA_VERSION=\"21.0.9\"\n");
    Files.copy(Path.of("/bin/true"), jdk21.resolve("java"));
    jdk21 = jdk21.getParent();
  }

  @Test
  void aMissingPromtoolIsNamedWithTheOneCommandThatInstallsItAndMavenDoesNotRun() throws Exception {
    give("javac", Path.of(System.getProperty("java.home"), "bin", "javac"));
    give("docker-compose");
    fakeConnectionTestTools();

    Run run = pipelineTest(List.of());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("prometheus and promtool")
        .contains("\n  sudo apt-get install -y --no-install-recommends prometheus\n");
    assertThat(checkout.resolve("mvnw-was-run")).as("Maven ran").doesNotExist();
    assertThat(tmp.resolve("bin/apt-get-was-run")).as("apt-get ran").doesNotExist();
  }

  @Test
  void everyMissingPackageIsInTheOneCommand() throws Exception {
    Run run = pipelineTest(List.of());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("a JDK 17+ with javac", "docker-compose (")
        .contains(
            "\n"
                + "  sudo apt-get install -y --no-install-recommends openjdk-17-jdk-headless"
                + " prometheus openssl nginx-light curl tinyproxy docker-compose\n");
    assertThat(checkout.resolve("mvnw-was-run")).doesNotExist();
  }

  @Test
  void withEverythingThereMavenVerifyRunsWithTheGivenArguments() throws Exception {
    give("javac", Path.of(System.getProperty("java.home"), "bin", "javac"));
    give("java", Path.of(System.getProperty("java.home"), "bin", "java"));
    give("docker-compose");
    Files.writeString(bin.resolve("prometheus"), "#!/bin/sh\n");
    Files.writeString(bin.resolve("promtool"), "#!/bin/sh\n");
    bin.resolve("prometheus").toFile().setExecutable(true, false);
    bin.resolve("promtool").toFile().setExecutable(true, false);
    fakeConnectionTestTools();

    Run run = pipelineTest(List.of("-Dit.test=SomeIT"));

    assertThat(run.exitCode())
        .as(run.output())
        .isEqualTo(7); // the fake mvnw's exit code, passed on
    assertThat(checkout.resolve("mvnw-was-run"))
        .hasContent("verify -Dit.test=SomeIT | MAVEN_ARGS=-B -ntp");
  }

  @Test
  void helpInstallsNothingEvenAsRoot() throws Exception {
    Run run = run(List.of(checkout.resolve("pipeline").toString(), "test", "--help"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .startsWith("Usage: ./pipeline test")
        .contains("prometheus", "docker-compose", "JDK 21+");
    assertThat(tmp.resolve("bin/apt-get-was-run")).doesNotExist();
    assertThat(checkout.resolve("mvnw-was-run")).doesNotExist();
  }

  /**
   * A script that writes its arguments and MAVEN_ARGS to {@code markName} beside it and exits 7.
   */
  private static void mark(Path script, String markName) throws IOException {
    Files.writeString(
        script,
        "#!/bin/sh\nprintf '%s | MAVEN_ARGS=%s' \"$*\" \"$MAVEN_ARGS\" > \"$(dirname \"$0\")/"
            + markName
            + "\"\nexit 7\n");
    script.toFile().setExecutable(true, false);
  }

  /** openssl, nginx and tinyproxy (the sink's connection tests) as scripts that do nothing. */
  private void fakeConnectionTestTools() throws IOException {
    for (String tool : List.of("openssl", "nginx", "tinyproxy", "curl")) {
      Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
      bin.resolve(tool).toFile().setExecutable(true, false);
    }
  }

  private void give(String tool) throws IOException {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path real = Path.of(dir, tool);
      if (Files.isExecutable(real)) {
        give(tool, real);
        return;
      }
    }
  }

  private void give(String tool, Path real) throws IOException {
    Files.deleteIfExists(bin.resolve(tool));
    Files.createSymbolicLink(bin.resolve(tool), real);
  }

  record Run(int exitCode, String output) {}

  /** {@code ./pipeline test ARGS} as a user other than root. */
  private Run pipelineTest(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (RunAs.isRoot()) {
      openToOthers(tmp);
      cmd.addAll(
          List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
    }
    cmd.add(checkout.resolve("pipeline").toString());
    cmd.add("test");
    cmd.addAll(args);
    return run(cmd);
  }

  private Run run(List<String> cmd) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("TIDESTREAM_JAVA21_HOME", jdk21.toString());
    pb.environment().put("TIDESTREAM_SBIN_DIRS", ""); // only PATH counts, not this machine's sbin
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /**
   * nobody must read the copy and write its marks (the folders above it let others in:
   * java.io.tmpdir).
   */
  private static void openToOthers(Path root) throws IOException {
    assertThat(RunAs.reachable(root)).as("others can enter the folders above " + root).isTrue();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
      }
    }
  }
}
