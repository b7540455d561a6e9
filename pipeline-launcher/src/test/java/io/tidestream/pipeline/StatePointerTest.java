package io.tidestream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatePointerTest {

  @TempDir Path tmp;

  @Test
  void aFolderGivenToUpIsWhereLaterCommandsLookAndSaySo() throws Exception {
    StatePointer pointer = new StatePointer(tmp.resolve("checkout/.pipeline"));
    StateDir elsewhere = new StateDir(tmp.resolve("elsewhere"));
    pointer.remember(elsewhere);
    elsewhere.writeStack(io.tidestream.pipeline.process.JsonHttp.MAPPER.createObjectNode());

    StatePointer.Choice choice = pointer.choose();
    assertThat(choice.dir().root()).isEqualTo(elsewhere.root());
    assertThat(choice.note())
        .hasValueSatisfying(n -> assertThat(n).startsWith("State folder: " + elsewhere.root()));
  }

  @Test
  void withoutAPointerTheDefaultFolderIsUsedSilently() {
    StatePointer pointer = new StatePointer(tmp.resolve(".pipeline"));
    assertThat(pointer.choose().dir().root()).isEqualTo(tmp.resolve(".pipeline"));
    assertThat(pointer.choose().note()).isEmpty();
  }

  @Test
  void upInTheDefaultFolderRemovesThePointer() {
    StatePointer pointer = new StatePointer(tmp.resolve(".pipeline"));
    pointer.remember(new StateDir(tmp.resolve("elsewhere")));
    pointer.remember(new StateDir(tmp.resolve(".pipeline")));
    assertThat(pointer.file()).doesNotExist();
  }

  @Test
  void downOfTheRememberedFolderForgetsItButNotAnotherOne() {
    StatePointer pointer = new StatePointer(tmp.resolve(".pipeline"));
    StateDir elsewhere = new StateDir(tmp.resolve("elsewhere"));
    pointer.remember(elsewhere);
    pointer.forget(new StateDir(tmp.resolve("other")));
    assertThat(pointer.read()).contains(elsewhere.root());
    pointer.forget(new StateDir(tmp.resolve("elsewhere/../elsewhere")));
    assertThat(pointer.read()).isEmpty();
  }

  @Test
  void aPointerToAFolderWithoutAPipelineIsReportedAndDropped() {
    StatePointer pointer = new StatePointer(tmp.resolve(".pipeline"));
    Path gone = tmp.resolve("removed-by-hand");
    pointer.remember(new StateDir(gone));

    StatePointer.Choice choice = pointer.choose();
    assertThat(choice.dir().root()).isEqualTo(tmp.resolve(".pipeline"));
    assertThat(choice.note())
        .hasValueSatisfying(
            n ->
                assertThat(n)
                    .contains(
                        "--state-dir " + gone,
                        "holds no pipeline any more",
                        "using " + tmp.resolve(".pipeline")));
    assertThat(Files.exists(pointer.file())).isFalse();
    assertThat(pointer.choose().note()).isEmpty();
  }
}
