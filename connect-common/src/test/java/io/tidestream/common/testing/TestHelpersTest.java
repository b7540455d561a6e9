package io.tidestream.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helpers of the test-jar do what other modules' tests rely on. */
class TestHelpersTest {

  @Test
  void manualClockMovesOnlyWhenTold() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    clock.advance(1_500);
    clock.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:01.500Z"));
    clock.set(Instant.EPOCH);
    assertThat(clock.millis()).isZero();
    assertThat(new ManualClock(42L).millis()).isEqualTo(42L);
  }

  @Test
  void pluginMetricsFixtureReadsBackWhatATaskRecorded() {
    try (PluginMetricsFixture metrics = new PluginMetricsFixture("c", 0)) {
      assertThat(metrics.hasPluginMetrics()).isFalse();
      Sensor sensor = metrics.pluginMetrics().addSensor("s");
      sensor.add(
          metrics
              .pluginMetrics()
              .metricName("x-total", "x", PluginMetricsFixture.tags("reason", "r")),
          new CumulativeSum());
      sensor.record(3);
      assertThat(metrics.hasPluginMetrics()).isTrue();
      assertThat(metrics.value("x-total", "reason", "r")).isEqualTo(3.0);
      assertThatThrownBy(() -> metrics.value("x-total", "reason", "other"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no metric x-total");
    }
  }

  @Test
  void driftCheckFailsOnADifferentFileAndRewritesOnRequest(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("docs").resolve("x-config.rst");
    assertThatThrownBy(
            () -> ConfigDocsDrift.assertCommitted(doc, "a\nb\n", "no.such.prop", "regen"))
        .hasMessageContaining("is missing; generate it with: regen");
    Files.createDirectories(doc.getParent());
    Files.writeString(doc, "a\nc\n", StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> ConfigDocsDrift.assertCommitted(doc, "a\nb\n", "no.such.prop", "regen"))
        .hasMessageContaining("out of date")
        .hasMessageContaining("regen")
        .hasMessageContaining("line 2");
    System.setProperty("test.helpers.write", "true");
    try {
      ConfigDocsDrift.assertCommitted(doc, "a\nb\n", "test.helpers.write", "regen");
    } finally {
      System.clearProperty("test.helpers.write");
    }
    assertThat(Files.readString(doc)).isEqualTo("a\nb\n");
  }

  @Test
  void everyKeyDocumentedNamesTheKeyThatIsNot() {
    ConfigDef good =
        new ConfigDef()
            .define(
                "k", Type.STRING, "", Importance.LOW, "doc", "g", 1, ConfigDef.Width.SHORT, "K");
    assertThatCode(() -> ConfigDocsDrift.assertEveryKeyDocumented(good)).doesNotThrowAnyException();
    ConfigDef bad = new ConfigDef().define("k2", Type.STRING, "", Importance.LOW, "doc");
    assertThatThrownBy(() -> ConfigDocsDrift.assertEveryKeyDocumented(bad))
        .hasMessage("config key k2 has no group");
  }
}
