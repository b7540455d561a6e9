package io.tidestream.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's storage format, with the real storage tool: redone after an interruption, never over a
 * formatted folder.
 */
class KafkaBrokerTest {

  @TempDir Path dir;

  @Test
  void whatAnInterruptedFormatLeftIsFormattedAgain() throws Exception {
    // an older launcher formatted into data/ itself and was stopped before meta.properties was
    // written;
    // this one was stopped while formatting into data.partial/
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/bootstrap.checkpoint"), "half");
    Files.createDirectories(dir.resolve("data.partial"));
    Files.writeString(dir.resolve("data.partial/bootstrap.checkpoint"), "half");

    KafkaBroker.prepare(settings());

    assertThat(dir.resolve("data/meta.properties")).isRegularFile();
    // the half-written file is gone: Kafka up to 4.1 formats a new one, 4.4 writes none there
    Path checkpoint = dir.resolve("data/bootstrap.checkpoint");
    if (Files.exists(checkpoint)) {
      assertThat(Files.readAllBytes(checkpoint)).isNotEqualTo("half".getBytes());
    }
    assertThat(dir.resolve("data.partial")).doesNotExist();
    assertThat(dir.resolve("format.properties")).doesNotExist();
    assertThat(Files.readString(dir.resolve("server.properties")))
        .contains("log.dirs=" + dir.resolve("data"));
  }

  @Test
  void aFormattedStorageIsNeverFormattedAgain() throws Exception {
    KafkaBroker.prepare(settings());
    String meta = Files.readString(dir.resolve("data/meta.properties"));
    Files.writeString(dir.resolve("data/records-of-a-run"), "kept");

    KafkaBroker.prepare(settings());

    assertThat(Files.readString(dir.resolve("data/meta.properties"))).isEqualTo(meta);
    assertThat(dir.resolve("data/records-of-a-run")).hasContent("kept");
  }

  private KafkaBroker.Settings settings() {
    return new KafkaBroker.Settings(
        dir,
        Ports.free(),
        Ports.free(),
        System.getProperty("java.class.path"),
        false,
        dir.resolve("logs/kafka.log"),
        dir.resolve("pids/kafka.pid"));
  }
}
