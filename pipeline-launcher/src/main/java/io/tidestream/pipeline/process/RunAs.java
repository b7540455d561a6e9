package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * OpenSearch and Elasticsearch refuse to run as root. When the launcher is root, engines run as an
 * unprivileged user ({@value #USER}, created on first use) through {@code setpriv}, which replaces
 * itself with the engine so the pid we keep is the engine's.
 */
public final class RunAs {

  public static final String USER = "tidestream";

  private RunAs() {}

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The command prefix that drops root, or nothing when we are not root. */
  public static List<String> prefix() {
    if (!isRoot()) {
      return List.of();
    }
    ensureUser();
    return List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--");
  }

  /** Gives the unprivileged user the folder (recursively) when we are root. */
  public static void handOver(Path dir) {
    if (isRoot()) {
      ensureUser();
      run(List.of("chown", "-R", USER + ":" + USER, dir.toString()));
    }
  }

  /**
   * Whether the unprivileged user can reach {@code dir}: every folder above it must let others in.
   * A checkout under /root does not, and then engines must live elsewhere.
   */
  public static boolean reachable(Path dir) {
    if (!isRoot()) {
      return true;
    }
    for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static synchronized void ensureUser() {
    if (run(List.of("id", "-u", USER)) == 0) {
      return;
    }
    int rc =
        run(
            List.of(
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                USER));
    if (rc != 0 && run(List.of("id", "-u", USER)) != 0) {
      throw new LauncherException(
          "OpenSearch and Elasticsearch refuse to run as root and the user '"
              + USER
              + "' could not be created (useradd exit "
              + rc
              + "): create it, or run ./pipeline as a normal user.");
    }
  }

  private static int run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
