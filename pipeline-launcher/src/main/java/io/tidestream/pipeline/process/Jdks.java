package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least a given feature version. OpenSearch 3 and Elasticsearch 9 need Java 21+,
 * while OpenSearch 2, Elasticsearch 7 and 8 still need the security manager that Java 24 removed,
 * so each engine gets a JDK that fits it.
 */
public final class Jdks {

  /** Environment variable naming a JDK 21+ for the engines that need it. */
  public static final String JAVA21_HOME_ENV = "TIDESTREAM_JAVA21_HOME";

  private Jdks() {}

  /** The JDK running this launcher. */
  public static Path current() {
    return Path.of(System.getProperty("java.home"));
  }

  public static int currentVersion() {
    return Runtime.version().feature();
  }

  /** A JDK whose feature version lies in [{@code min}, {@code max}]. */
  public static Path find(int min, int max, String why) {
    if (currentVersion() >= min && currentVersion() <= max) {
      return current();
    }
    String env = System.getenv(JAVA21_HOME_ENV);
    if (env != null && !env.isBlank()) {
      Path home = Path.of(env);
      int v =
          version(home)
              .orElseThrow(
                  () ->
                      new LauncherException(
                          JAVA21_HOME_ENV
                              + "="
                              + env
                              + " is not a JDK (no release file): point it at a JDK "
                              + min
                              + "+ folder."));
      if (v >= min && v <= max) {
        return home;
      }
    }
    for (Path root :
        new Path[] {Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/usr/local/lib/jvm")}) {
      Optional<Path> found = scan(root, min, max);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new LauncherException(
        why
            + " needs Java "
            + min
            + (max < Integer.MAX_VALUE ? "-" + max : "+")
            + " and none was found: install one and set "
            + JAVA21_HOME_ENV
            + " to its folder.");
  }

  private static Optional<Path> scan(Path root, int min, int max) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
          .filter(d -> version(d).map(v -> v >= min && v <= max).orElse(false))
          .max(Comparator.comparing(d -> version(d).orElse(0)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The feature version in a JDK's {@code release} file. */
  static Optional<Integer> version(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(release)) {
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
      String feature = v.split("[.+-]")[0];
      return feature.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(feature));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
