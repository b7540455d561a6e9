package io.tidestream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Results of a small made-up run, for the page and targets tests. */
final class Fixtures {

  private Fixtures() {}

  static final Writer FOUR = Writer.parse("default:bytes:4");

  static BenchResults.Throughput raw(int rep, double rate) {
    return new BenchResults.Throughput(
        0, rep, rate, rate * 0.9, 0, BenchResults.RAW, new BenchResults.Cpu(Double.NaN, 20, 1, 4));
  }

  static BenchResults.Throughput sink(Writer w, int rep, double rate, double workerMicros) {
    return new BenchResults.Throughput(
        w.tasks(), rep, rate, rate * 0.9, 0, w.id(), new BenchResults.Cpu(workerMicros, 22, 3, 1));
  }

  /**
   * Raw rounds at 10,000 docs/s; each writer's round at {@code share} of it, worker CPU {@code
   * micros}: the default writer at {@code defaultShare}.
   */
  static BenchResults results(double defaultShare, boolean plateau, BenchResults.Baseline base) {
    return results(defaultShare, plateau, base, null);
  }

  /** The same, with the source backfill step's result. */
  static BenchResults results(
      double defaultShare, boolean plateau, BenchResults.Baseline base, BackfillResult backfill) {
    List<Writer> writers =
        List.of(Writer.DEFAULT, FOUR, Writer.SCHEMALESS, Writer.PREVIOUS_DEFAULT);
    List<BenchResults.Throughput> rounds = new ArrayList<>();
    for (RoundPairing.Step s : RoundPairing.schedule(writers, 2)) {
      if (s.isRaw()) {
        rounds.add(raw(s.repetition(), 10_000));
      } else {
        Writer w = s.writer().orElseThrow();
        double share =
            w.equals(Writer.DEFAULT)
                ? defaultShare + (s.repetition() == 1 ? -0.01 : 0.01)
                : w.equals(FOUR) ? defaultShare - 0.005 : w.equals(Writer.SCHEMALESS) ? 0.9 : 0.6;
        double micros = w.equals(Writer.PREVIOUS_DEFAULT) ? 30 : w.equals(FOUR) ? 13 : 12;
        rounds.add(sink(w, s.repetition(), 10_000 * share, micros));
      }
    }
    BenchResults r =
        new BenchResults(
            new BenchResults.Machine(
                2,
                24L << 30,
                "Test CPU",
                "Linux",
                "OpenJDK 17",
                "4.1.1",
                "opensearch-2 2.19.4",
                "elastic-geo-sink 0.1.0 (as the worker reports it), built from this checkout",
                "abc1234"),
            new BenchResults.Plan(
                200_000,
                50,
                4,
                2,
                writers.stream().map(Writer::id).toList(),
                2,
                4,
                30,
                "256m",
                "1g"),
            Map.of("bulk.max.actions", "2000"),
            new BenchResults.Warmup(
                plateau
                    ? List.of(6_000.0, 9_000.0, 9_800.0, 10_100.0)
                    : List.of(6_000.0, 7_000.0, 8_000.0),
                plateau,
                plateau ? 9_950 : Double.NaN,
                0.05,
                plateau ? 8 : 3),
            rounds,
            RoundPairing.ratios(rounds),
            LatencyReportTest.results(),
            List.of(new BenchResults.Heap(2, 200L << 20, 90L << 20, 0.031, 0)),
            base,
            List.of(),
            "./pipeline bench",
            "2026-11-26T06:00:00 UTC",
            754,
            backfill);
    return r.withTargets(ThroughputTargets.rows(r))
        .withTargets(RunTargets.latency(r))
        .withTargets(List.of(RunTargets.heap(r, true), ThroughputTargets.jmh()));
  }
}
