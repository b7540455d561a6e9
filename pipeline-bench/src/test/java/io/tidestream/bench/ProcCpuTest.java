package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCpuTest {

  /** A real line (Linux 6.x), with a command name holding a space and a parenthesis. */
  private static final String STAT =
      "4242 (java (kafka) x) S 1 4242 4242 0 -1 4194560 123456 0 12 0 1500 250 7 3 20 0 88 0"
          + " 1234567 5000000000 200000 18446744073709551615 1 1 0 0 0 0 0 4096 17167 0 0 0 17 1 0"
          + " 0 0 0 0";

  @Test
  void readsUserPlusSystemTicksCountingFieldsAfterTheLastParenthesis() {
    assertThat(ProcCpu.ticks(STAT)).isEqualTo(1500 + 250);
  }

  @Test
  void aLineThatIsNotAStatLineIsAnError() {
    assertThatThrownBy(() -> ProcCpu.ticks("4242 java S 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcCpu.ticks("4242 (java) S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void convertsTicksToSecondsWithTheMachinesTickRate(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("4242"));
    Files.writeString(proc.resolve("4242").resolve("stat"), STAT + "\n");
    assertThat(new ProcCpu(100, proc).seconds(new ProcCpu.Proc(4242, false))).isEqualTo(17.5);
    assertThat(new ProcCpu(250, proc).seconds(new ProcCpu.Proc(4242, false))).isEqualTo(7.0);
    assertThat(new ProcCpu(100, proc).seconds(new ProcCpu.Proc(4243, false)))
        .as("a process that is gone")
        .isZero();
  }

  @Test
  void thisJvmHasUsedSomeCpu() {
    ProcCpu cpu = ProcCpu.system();
    assertThat(ProcCpu.ticksPerSecond()).isPositive();
    assertThat(cpu.seconds(new ProcCpu.Proc(ProcessHandle.current().pid(), false))).isPositive();
  }

  @Test
  void aProcessAloneLeavesOutTheCpuOfTheProcessesItStarted() throws Exception {
    // The bench JVM starts the servers: counted with its descendants it would carry their CPU.
    Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      ProcCpu cpu = ProcCpu.system();
      ProcCpu.Proc busy = new ProcCpu.Proc(child.pid(), false);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (cpu.seconds(busy) < 0.3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      double childSeconds = cpu.seconds(busy);
      double alone = cpu.seconds(new ProcCpu.Proc(ProcessHandle.current().pid(), false));
      double withChild = cpu.seconds(new ProcCpu.Proc(ProcessHandle.current().pid(), true));
      assertThat(childSeconds).isGreaterThanOrEqualTo(0.3);
      // ticks become seconds by division: allow for the rounding of the difference
      assertThat(withChild - alone).isGreaterThanOrEqualTo(childSeconds - 1e-9);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void cpuPerDocumentIsTheDifferenceInMicrosecondsOverTheDocuments() {
    BenchResults.Cpu c =
        ProcCpu.perDocument(
            Map.of("worker", 10.0, "engine", 100.0, "broker", 5.0, "bench", 1.0),
            Map.of("worker", 13.0, "engine", 106.0, "broker", 5.5, "bench", 1.0),
            300_000);
    assertThat(c.worker()).isCloseTo(10.0, within(1e-9));
    assertThat(c.engine()).isCloseTo(20.0, within(1e-9));
    assertThat(c.broker()).isCloseTo(5.0 / 3, within(1e-9));
    assertThat(c.bench()).isZero();
    assertThat(ProcCpu.perDocument(Map.of(), Map.of("worker", 1.0), 10).worker()).isNaN();
  }
}
