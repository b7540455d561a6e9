package io.tidestream.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Remembers the state folder of the last {@code ./pipeline up --state-dir X}, so that {@code
 * status}, {@code logs} and {@code down} without {@code --state-dir} find that pipeline: one line,
 * X's absolute path, in {@code state-dir} inside the default state folder ({@code .pipeline/},
 * git-ignored). {@code up} with the default folder needs no pointer and removes one; {@code down}
 * of the folder it names removes it.
 */
public final class StatePointer {

  private final Path defaultDir;
  private final Path file;

  /**
   * {@code defaultDir}: the state folder used when nothing else is said, {@code .pipeline} in the
   * checkout.
   */
  public StatePointer(Path defaultDir) {
    this.defaultDir = defaultDir.toAbsolutePath().normalize();
    this.file = this.defaultDir.resolve("state-dir");
  }

  public Path file() {
    return file;
  }

  public Path defaultDir() {
    return defaultDir;
  }

  /** Where {@code up} starts: later commands without {@code --state-dir} look there. */
  public void remember(StateDir dir) {
    if (dir.root().equals(defaultDir)) {
      delete();
      return;
    }
    try {
      Files.createDirectories(defaultDir);
      Path tmp = file.resolveSibling("state-dir.tmp");
      Files.writeString(tmp, dir.root() + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the pointer when it names {@code dir}. */
  public void forget(StateDir dir) {
    if (read().filter(dir.root()::equals).isPresent()) {
      delete();
    }
  }

  /** The folder the pointer names, if there is a pointer. */
  public Optional<Path> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(file, StandardCharsets.UTF_8).strip();
      return line.isEmpty()
          ? Optional.empty()
          : Optional.of(Path.of(line).toAbsolutePath().normalize());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Which folder a command without {@code --state-dir} uses, and what to tell the user about it.
   */
  public record Choice(StateDir dir, Optional<String> note) {}

  /**
   * The remembered folder while it still holds a pipeline ({@code stack.json}); otherwise the
   * default folder, and a note that the remembered one is gone (the pointer is then removed).
   */
  public Choice choose() {
    Optional<Path> remembered = read();
    if (remembered.isEmpty() || remembered.get().equals(defaultDir)) {
      return new Choice(new StateDir(defaultDir), Optional.empty());
    }
    StateDir dir = new StateDir(remembered.get());
    if (Files.isRegularFile(dir.stackFile())) {
      return new Choice(
          dir,
          Optional.of(
              "State folder: "
                  + dir.root()
                  + " (remembered from ./pipeline up "
                  + "--state-dir; another folder: --state-dir DIR)"));
    }
    delete();
    return new Choice(
        new StateDir(defaultDir),
        Optional.of(
            "Note: ./pipeline up last ran with --state-dir "
                + dir.root()
                + ", which holds no pipeline any more (removed?); using "
                + defaultDir
                + "."));
  }

  private void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
