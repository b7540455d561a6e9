package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.RunAs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

  @TempDir Path tmp;

  @Test
  void enginesLiveOutsideAStateFolderTheEngineUserCannotEnter() throws Exception {
    Path state =
        Files.createDirectory(
            tmp.resolve("private"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path engines = new StateDir(state).engineRoot();
    if (RunAs.isRoot()) {
      assertThat(engines)
          .startsWithRaw(Path.of("/var/tmp"))
          .isNotEqualTo(new StateDir(state.resolveSibling("other")).engineRoot());
      Path reachable = Files.createDirectory(tmp.resolve("open"));
      assertThat(new StateDir(reachable).engineRoot()).isEqualTo(reachable.resolve("engines"));
    } else {
      assertThat(engines)
          .isEqualTo(state.resolve("engines")); // we run engines ourselves: no other user
    }
  }

  @Test
  void logsAndPidsAreNamedAfterTheComponent() {
    StateDir dir = new StateDir(tmp);
    assertThat(dir.log("connect-1")).isEqualTo(tmp.resolve("logs/connect-1.log"));
    assertThat(dir.pid("kafka")).isEqualTo(tmp.resolve("pids/kafka.pid"));
  }
}
