package io.tidestream.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The drift check of a committed config reference: the file under the repository's {@code docs/}
 * must equal what the code renders. With {@code -D<writeProperty>=true} it rewrites the file first
 * (that is how it is regenerated). Also checks that every key is documented and grouped.
 */
public final class ConfigDocsDrift {

  private ConfigDocsDrift() {}

  /** {@code docs/<fileName>} next to the module being tested. */
  public static Path docFile(String fileName) {
    Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    return module.toAbsolutePath().getParent().resolve("docs").resolve(fileName);
  }

  /**
   * Fails when {@code doc} is missing or differs from {@code rendered}; the message says how to
   * regenerate it.
   */
  public static void assertCommitted(
      Path doc, String rendered, String writeProperty, String regenerate) {
    try {
      if (Boolean.getBoolean(writeProperty)) {
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, rendered, StandardCharsets.UTF_8);
      }
      if (!Files.exists(doc)) {
        throw new AssertionError(doc + " is missing; generate it with: " + regenerate);
      }
      String committed = Files.readString(doc, StandardCharsets.UTF_8);
      if (!committed.equals(rendered)) {
        throw new AssertionError(
            doc
                + " is out of date with the code's ConfigDef; regenerate it "
                + "with: "
                + regenerate
                + " and commit it. First difference at line "
                + firstDifferentLine(committed, rendered)
                + ".");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails naming the first key without doc, group, display name or a positive order. */
  public static void assertEveryKeyDocumented(ConfigDef def) {
    for (ConfigDef.ConfigKey key : def.configKeys().values()) {
      String missing =
          key.documentation == null || key.documentation.isBlank()
              ? "documentation"
              : key.group == null || key.group.isBlank()
                  ? "group"
                  : key.displayName == null || key.displayName.isBlank()
                      ? "display name"
                      : key.orderInGroup < 1 ? "order in group" : null;
      if (missing != null) {
        throw new AssertionError("config key " + key.name + " has no " + missing);
      }
    }
  }

  static int firstDifferentLine(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    int i = 0;
    while (i < x.length && i < y.length && x[i].equals(y[i])) {
      i++;
    }
    return i + 1;
  }
}
