package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.RunAs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one folder that holds a running pipeline: {@code stack.json} (what runs where), {@code
 * logs/<component>.log}, {@code pids/<component>.pid}, {@code starting.pid} while {@code up} starts
 * it, and each server's data. Engines live in {@link #engineRoot()}, which is outside this folder
 * when it cannot be reached by the unprivileged user engines run as.
 */
public final class StateDir {

  private final Path root;

  public StateDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path dir(String component) {
    return root.resolve(component);
  }

  public Path log(String component) {
    return root.resolve("logs").resolve(component + ".log");
  }

  public Path pid(String component) {
    return root.resolve("pids").resolve(component + ".pid");
  }

  /**
   * The pid of a {@code ./pipeline up} while it starts the pipeline, so {@code down} can interrupt
   * it.
   */
  public Path startingPid() {
    return root.resolve("starting.pid");
  }

  public Path plugins() {
    return root.resolve("plugins");
  }

  public Path stackFile() {
    return root.resolve("stack.json");
  }

  /** Where engine distributions are unpacked and engine nodes keep their data. */
  public Path engineRoot() {
    Path inside = root.resolve("engines");
    if (RunAs.reachable(inside)) {
      return inside;
    }
    return Path.of("/var/tmp", "tidestream-" + shortHash(root.toString()));
  }

  public Optional<ManagedProcess> running(String component) {
    return ManagedProcess.fromPidFile(component, pid(component), log(component));
  }

  public Optional<JsonNode> stack() {
    if (!Files.isRegularFile(stackFile())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          JsonHttp.MAPPER.readTree(Files.readString(stackFile(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot read "
              + stackFile()
              + " ("
              + e.getMessage()
              + "): stop what still runs with ./pipeline down, or remove the folder.");
    }
  }

  public void writeStack(JsonNode stack) {
    try {
      Files.createDirectories(root);
      Files.writeString(
          stackFile(), JsonHttp.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(stack));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
