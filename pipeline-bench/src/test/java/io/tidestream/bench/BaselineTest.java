package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.pipeline.LauncherException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  @Test
  void takesTheMedianWorkerCpuOfThePreviousDefaultWritersMeasuredRounds(@TempDir Path dir)
      throws Exception {
    BenchResults earlier = Fixtures.results(0.6, true, null); // default:json:2 rounds at 30 µs/doc
    Path file = dir.resolve("results.json");
    new ObjectMapper().writeValue(file.toFile(), earlier);

    BenchResults.Baseline b = Baseline.read(file);
    assertThat(b.writer()).isEqualTo("default:json:2");
    assertThat(b.workerMicros()).isEqualTo(30.0);
    assertThat(b.rounds()).isEqualTo(2);
    assertThat(b.plugins()).contains("elastic-geo-sink 0.1.0");
  }

  @Test
  void resultsWithoutThatWriterSayHowToMakeABaseline() throws Exception {
    var old = new ObjectMapper().readTree("{\"throughput\":[{\"tasks\":2,\"steadyRate\":1}]}");
    assertThatThrownBy(() -> Baseline.of(old, "old.json"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("--plugins DIR --writers default:json:2");
  }
}
