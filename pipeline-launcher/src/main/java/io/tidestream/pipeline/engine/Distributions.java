package io.tidestream.pipeline.engine;

import io.tidestream.pipeline.BuildInfo;
import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Engine distributions: found in the local Maven repository (the build resolves them) and unpacked
 * once into a folder that is reused by later runs.
 */
public final class Distributions {
  private Distributions() {}

  /**
   * Folder searched before the local Maven repository (the integration tests copy engines there).
   */
  public static final String ZIPS_PROPERTY = "tidestream.engine.zips";

  /** The distribution ZIP: in {@code -Dtidestream.engine.zips} or the local Maven repository. */
  public static Path zip(EngineKind kind, BuildInfo build) {
    EngineKind.Family f = kind.family();
    String version = kind.version(build);
    String dir = System.getProperty(ZIPS_PROPERTY);
    if (dir != null && Files.isRegularFile(Path.of(dir, f.artifactId + "-" + version + ".zip"))) {
      return Path.of(dir, f.artifactId + "-" + version + ".zip");
    }
    Path zip =
        build
            .mavenLocalRepository()
            .resolve(f.groupId.replace('.', '/'))
            .resolve(f.artifactId)
            .resolve(version)
            .resolve(f.artifactId + "-" + version + ".zip");
    if (!Files.isRegularFile(zip)) {
      throw new LauncherException(
          kind.id()
              + " "
              + version
              + " is not in the local Maven repository ("
              + zip
              + "): fetch it with ./mvnw dependency:get -Dartifact="
              + kind.coordinates(build));
    }
    return zip;
  }

  /**
   * Unpacks the distribution under {@code root} (once) and returns its home folder. Files in {@code
   * bin/} are made executable: ZIP entries do not carry Unix permissions for us.
   */
  public static synchronized Path unpack(EngineKind kind, BuildInfo build, Path root) {
    Path zip = zip(kind, build);
    Path home = root.resolve(kind.family().artifactId + "-" + kind.version(build));
    if (Files.isRegularFile(home.resolve(".unpacked"))) {
      return home;
    }
    Path staging = root.resolve(home.getFileName() + ".partial");
    try {
      deleteRecursively(staging);
      Files.createDirectories(staging);
      try (ZipFile file = new ZipFile(zip.toFile())) {
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          String name = entry.getName();
          int slash = name.indexOf('/');
          String relative =
              slash < 0 ? name : name.substring(slash + 1); // drop "opensearch-2.19.4/"
          if (relative.isEmpty()) {
            continue;
          }
          Path target = staging.resolve(relative).normalize();
          if (!target.startsWith(staging)) {
            throw new LauncherException("Refusing a ZIP entry outside the target folder: " + name);
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            try (InputStream in = file.getInputStream(entry)) {
              Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (relative.startsWith("bin/") || relative.contains("/bin/")) {
              target.toFile().setExecutable(true, false);
            }
          }
        }
      }
      deleteRecursively(home);
      Files.move(staging, home);
      Files.writeString(home.resolve(".unpacked"), zip.toString());
      return home;
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot unpack " + zip + " into " + root + ": " + e.getMessage(), e);
    }
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
