package io.tidestream.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.BuildInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's one-time setup, on a small stand-in distribution: each step is redone when a start
 * stopped before it completed, the keystore file an engine stopped while saving it leaves behind is
 * removed, and data is never touched.
 */
class SearchEngineNodeTest {

  @TempDir Path tmp;
  private final BuildInfo build = BuildInfo.load();
  private String zipsBefore;

  @BeforeEach
  void standInDistribution() throws IOException {
    zipsBefore = System.getProperty(Distributions.ZIPS_PROPERTY);
    Path zips = Files.createDirectories(tmp.resolve("zips"));
    String version = EngineKind.OPENSEARCH_2.version(build);
    try (OutputStream file = Files.newOutputStream(zips.resolve("opensearch-" + version + ".zip"));
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (String name :
          List.of(
              "config/opensearch.yml",
              "config/jvm.options",
              "config/log4j2.properties",
              "bin/opensearch")) {
        zip.putNextEntry(new ZipEntry("opensearch-" + version + "/" + name));
        zip.write(("# " + name + "\n").getBytes());
        zip.closeEntry();
      }
    }
    System.setProperty(Distributions.ZIPS_PROPERTY, zips.toString());
  }

  @AfterEach
  void restore() {
    if (zipsBefore == null) {
      System.clearProperty(Distributions.ZIPS_PROPERTY);
    } else {
      System.setProperty(Distributions.ZIPS_PROPERTY, zipsBefore);
    }
  }

  @Test
  void aHalfCopiedConfigurationIsCopiedAgainAndTheDataIsKept() throws Exception {
    Path node = tmp.resolve("node");
    // what a start stopped while copying left: config/ without its marker, half a jvm.options
    Files.createDirectories(node.resolve("config"));
    Files.writeString(node.resolve("config/jvm.options"), "-Xm");
    Files.createDirectories(node.resolve("config.partial"));
    Files.createDirectories(node.resolve("data/nodes/0"));
    Files.writeString(node.resolve("data/nodes/0/index"), "documents");

    SearchEngineNode.prepare(settings(node), build);

    assertThat(node.resolve("config/jvm.options")).hasContent("# config/jvm.options");
    assertThat(node.resolve("config/opensearch.yml")).hasContent("# config/opensearch.yml");
    assertThat(node.resolve("config/" + SearchEngineNode.CONFIG_COMPLETE)).isRegularFile();
    assertThat(node.resolve("config.partial")).doesNotExist();
    assertThat(node.resolve("data/nodes/0/index")).hasContent("documents");
  }

  @Test
  void theKeystoreAnEngineLeftHalfSavedIsRemovedAndACompleteOneKept() throws Exception {
    Path node = tmp.resolve("node");
    SearchEngineNode.prepare(settings(node), build);
    Files.writeString(node.resolve("config/opensearch.keystore.tmp"), "half");
    Files.writeString(node.resolve("config/opensearch.keystore"), "complete");
    Files.writeString(node.resolve("config/opensearch.yml"), "# changed by hand\n");

    SearchEngineNode.prepare(settings(node), build);

    assertThat(node.resolve("config/opensearch.keystore.tmp")).doesNotExist();
    assertThat(node.resolve("config/opensearch.keystore")).hasContent("complete");
    assertThat(node.resolve("config/opensearch.yml")).hasContent("# changed by hand");
  }

  private SearchEngineNode.Settings settings(Path node) {
    return new SearchEngineNode.Settings(
        EngineKind.OPENSEARCH_2,
        tmp.resolve("distributions"),
        node,
        9200,
        "9300",
        "512m",
        List.of(),
        false,
        tmp.resolve("logs/opensearch-2.log"),
        tmp.resolve("pids/opensearch-2.pid"));
  }
}
