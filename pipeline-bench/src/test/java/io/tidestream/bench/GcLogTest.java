package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

  private static final List<String> LOG =
      List.of(
          "[2026-11-26T06:00:00.100+0000][1.001s] Using G1",
          "[2026-11-26T06:00:01.000+0000][1.900s] GC(0) Pause Young (Normal) (G1 Evacuation Pause)"
              + " 120M->40M(256M) 10.000ms",
          "[2026-11-26T06:00:02.000+0000][2.900s] GC(1) Concurrent Mark Cycle 45.678ms",
          "[2026-11-26T06:00:03.000+0000][3.900s] GC(2) Pause Remark 200M->180M(256M) 5.000ms",
          "[2026-11-26T06:00:04.000+0000][4.900s] GC(3) Pause Full (G1 Compaction Pause)"
              + " 250M->90M(256M) 85.000ms",
          "[2026-11-26T06:00:20.000+0000][20.9s] GC(4) Pause Young (Normal) (G1 Evacuation Pause)"
              + " 1G->512K(2G) 1.500ms");

  @Test
  void readsEveryPauseWithItsHeapBeforeAndAfterAndSkipsConcurrentPhases() {
    List<GcLog.Pause> pauses = GcLog.parse(LOG);
    assertThat(pauses).hasSize(4);
    assertThat(pauses.get(0).beforeBytes()).isEqualTo(120L << 20);
    assertThat(pauses.get(0).afterBytes()).isEqualTo(40L << 20);
    assertThat(pauses.get(2).full()).isTrue();
    assertThat(pauses.get(3).beforeBytes()).isEqualTo(1L << 30);
    assertThat(pauses.get(3).afterBytes()).isEqualTo(512L << 10);
  }

  @Test
  void summarisesOnlyThePausesInsideTheWindow() {
    GcLog.Summary s =
        GcLog.summarize(
            GcLog.parse(LOG),
            Instant.parse("2026-11-26T06:00:00Z"),
            Instant.parse("2026-11-26T06:00:10Z"));
    assertThat(s.pauses()).isEqualTo(3);
    assertThat(s.peakBytes()).isEqualTo(250L << 20);
    assertThat(s.maxLiveBytes()).isEqualTo(180L << 20);
    assertThat(s.fullPauses()).isEqualTo(1);
    assertThat(s.pauseShare()).isCloseTo(0.1 / 10, org.assertj.core.data.Offset.offset(1e-9));
  }
}
