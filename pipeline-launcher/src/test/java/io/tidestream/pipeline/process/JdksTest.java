package io.tidestream.pipeline.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {

  @TempDir Path home;

  @Test
  void readsTheFeatureVersionFromTheReleaseFile() throws Exception {
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
    assertThat(Jdks.version(home)).contains(25);
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    assertThat(Jdks.version(home)).contains(17);
  }

  @Test
  void aFolderWithoutReleaseFileIsNoJdk() {
    assertThat(Jdks.version(home)).isEmpty();
  }

  @Test
  void theRunningJdkIsChosenWhenItFits() {
    int v = Jdks.currentVersion();
    assertThat(Jdks.find(v, v, "test")).isEqualTo(Jdks.current());
  }
}
