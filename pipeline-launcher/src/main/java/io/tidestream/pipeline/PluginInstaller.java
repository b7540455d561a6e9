package io.tidestream.pipeline;

import io.tidestream.pipeline.engine.Distributions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs plugin ZIPs into a {@code plugin.path} folder the way a user would: each ZIP unpacks to
 * one folder of its own. The folder is emptied first so an old build never lingers.
 */
public final class PluginInstaller {
  private PluginInstaller() {}

  public static void install(List<Path> zips, Path pluginPath) {
    Distributions.deleteRecursively(pluginPath);
    try {
      Files.createDirectories(pluginPath);
      for (Path zip : zips) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
          Enumeration<? extends ZipEntry> entries = file.entries();
          while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            Path target = pluginPath.resolve(entry.getName()).normalize();
            if (!target.startsWith(pluginPath)) {
              throw new LauncherException(
                  "Refusing a ZIP entry outside plugin.path: " + entry.getName());
            }
            if (entry.isDirectory()) {
              Files.createDirectories(target);
            } else {
              Files.createDirectories(target.getParent());
              try (InputStream in = file.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot install the plugins into " + pluginPath + ": " + e.getMessage(), e);
    }
  }
}
