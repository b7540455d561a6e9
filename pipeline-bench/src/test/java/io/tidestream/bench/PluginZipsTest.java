package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.pipeline.LauncherException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginZipsTest {

  @Test
  void takesTheZipsOfTheFolderWhenTheSinksIsAmongThem(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("elastic-geo-sink-0.1.0-SNAPSHOT.zip"), "");
    Files.writeString(dir.resolve("noaa-rest-source-0.1.0-SNAPSHOT.zip"), "");
    Files.writeString(dir.resolve("notes.txt"), "");
    assertThat(PluginZips.in(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "elastic-geo-sink-0.1.0-SNAPSHOT.zip", "noaa-rest-source-0.1.0-SNAPSHOT.zip");
  }

  @Test
  void aFolderWithoutTheSinkSaysWhatToCopyIntoIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("noaa-rest-source-0.1.0-SNAPSHOT.zip"), "");
    assertThatThrownBy(() -> PluginZips.in(dir))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("no elastic-geo-sink-*.zip")
        .hasMessageContaining("elastic-geo-sink/target/*.zip");
    assertThatThrownBy(() -> PluginZips.in(dir.resolve("missing")))
        .hasMessageContaining("is not a folder");
  }
}
