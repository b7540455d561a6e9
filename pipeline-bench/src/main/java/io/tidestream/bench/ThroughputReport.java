package io.tidestream.bench;

import io.tidestream.bench.BenchResults.Spread;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The page's throughput section: the engine's warm-up and plateau, the ceiling, each writer's
 * per-round ratios and CPU per document, and every round in the order it ran.
 */
final class ThroughputReport {

  private ThroughputReport() {}

  static void section(StringBuilder md, BenchResults r) {
    BenchResults.Plan p = r.plan();
    md.append("## Throughput\n\n");
    md.append(
        "Steady rate: documents per second the engine counted (`_stats/indexing`, polled every 100"
            + " ms) between 5% and 95% of the load, so start-up and the last partial batches are"
            + " left out. Wall rate: all documents over the time from the first request (raw) or"
            + " from creating the connector (sink: includes task start and the consumer group join)"
            + " to the last document. Every round drains the whole load into a fresh index and"
            + " fails the run unless the index then holds every document exactly once.\n\n");
    warmup(md, r.warmup(), p);
    writers(md, r);
    cpu(md, r);
    rounds(md, r);
    md.append("![throughput](throughput.png)\n\n");
  }

  private static void warmup(StringBuilder md, BenchResults.Warmup w, BenchResults.Plan p) {
    md.append("### The ceiling, after the engine's warm-up\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "The ceiling is the engine's raw %d-way `_bulk` rate: the sink's own documents (written"
                + " by the warm-up drain, read back with their ids and `_source`), cut at the"
                + " sink's batch size, %d requests in flight, sent straight to the engine by the"
                + " JDK HTTP client with bodies built before the clock starts. For comparison, the"
                + " sink with tasks.max=2 keeps up to %d requests in flight (2 tasks ×"
                + " `bulk.max.in.flight.requests`).%n%n",
            p.ceilingConcurrency(),
            p.ceilingConcurrency(),
            p.sinkInFlightAtTwoTasks()));
    md.append(
        String.format(
            Locale.ROOT,
            "Before any measured round, raw loads ran until two consecutive ones were within %.0f%%"
                + " of each other (at most %d loads):%n%n| warm-up load | raw docs/s |%n"
                + "|---:|---:|%n",
            100 * w.tolerance(),
            w.maxLoads()));
    for (int i = 0; i < w.rates().size(); i++) {
      md.append(String.format(Locale.ROOT, "| %d | %,.0f |%n", i + 1, w.rates().get(i)));
    }
    md.append('\n');
    if (w.plateau()) {
      md.append(
          String.format(
              Locale.ROOT,
              "**Plateau: %,.0f docs/s** (the mean of loads %d and %d).%n%n",
              w.plateauRate(),
              w.rates().size() - 1,
              w.rates().size()));
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              "**No plateau within %d loads**: the engine's rate was still moving when the measured"
                  + " rounds began. Each ratio below still compares a sink round with the raw"
                  + " rounds right next to it, but the ceiling targets are not met on this"
                  + " run.%n%n",
              w.maxLoads()));
    }
  }

  private static void writers(StringBuilder md, BenchResults r) {
    md.append("### Per writer\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Raw and sink rounds alternate (raw, sink, raw, sink, … raw; each repetition starts one"
                + " writer later), and each sink round's ratio is its steady rate over the mean of"
                + " the raw rounds right before and after it, so a ceiling that drifts moves both"
                + " sides of the ratio alike. Repetitions: %d.%n%n",
            r.plan().repetitions()));
    md.append(
        "| writer | steady docs/s: median (min - max) | ratio to the raw rounds next to it:"
            + " median (min - max) | operations re-sent |\n|---|---:|---:|---:|\n");
    Spread raw = r.steady(BenchResults.RAW);
    md.append(
        String.format(
            Locale.ROOT,
            "| raw %d-way `_bulk` (the ceiling) | %s | 1 | %,d |%n",
            r.plan().ceilingConcurrency(),
            rates(raw),
            r.resent(BenchResults.RAW)));
    for (Writer w : writers(r)) {
      Spread ratio = r.ratio(w.id());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | **%.2f** (%.2f - %.2f) | %,d |%n",
              w.label(),
              rates(r.steady(w.id())),
              ratio.median(),
              ratio.min(),
              ratio.max(),
              r.resent(w.id())));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe raw rate during the measured rounds: %,.0f - %,.0f docs/s (a spread of %.0f%% of"
                + " its median). Operations re-sent: index operations beyond one per document over"
                + " all repetitions (a rebalance while tasks start re-delivers what was in flight;"
                + " ids make it idempotent); the steady rate counts distinct documents.%n%n",
            raw.min(),
            raw.max(),
            raw.median() > 0 ? 100 * (raw.max() - raw.min()) / raw.median() : Double.NaN));
  }

  private static void cpu(StringBuilder md, BenchResults r) {
    md.append("### CPU per document\n\n");
    md.append(
        "CPU time (user + system, `/proc/<pid>/stat` of each server with its child processes,"
            + " and of the benchmark's JVM alone, in clock ticks of `getconf CLK_TCK`) over each"
            + " round, from just before it starts (for the"
            + " sink: before the connector is created) until the index holds every document,"
            + " divided by the documents: µs per document, median (min - max) over the"
            + " repetitions. Unlike rates, CPU seconds hardly depend on what else runs on the"
            + " machine. \"bench\" is this benchmark's own JVM: the raw loader in raw rounds (in"
            + " sink rounds only its polling, not shown).\n\n");
    md.append(
        "| writer | Connect worker | engine | broker | bench JVM |\n|---|---:|---:|---:|---:|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| raw %d-way `_bulk` | - | %s | %s | %s |%n",
            r.plan().ceilingConcurrency(),
            micros(r, BenchResults.RAW, BenchResults.Cpu::engine),
            micros(r, BenchResults.RAW, BenchResults.Cpu::broker),
            micros(r, BenchResults.RAW, BenchResults.Cpu::bench)));
    for (Writer w : writers(r)) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | - |%n",
              w.label(),
              micros(r, w.id(), BenchResults.Cpu::worker),
              micros(r, w.id(), BenchResults.Cpu::engine),
              micros(r, w.id(), BenchResults.Cpu::broker)));
    }
    BenchResults.Baseline b = r.baseline();
    if (b != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "| today: `%s` on %s (from `%s`) | %.1f (median of %d) | | | |%n",
              b.writer(),
              b.plugins(),
              b.file(),
              b.workerMicros(),
              b.rounds()));
    }
    md.append('\n');
  }

  private static void rounds(StringBuilder md, BenchResults r) {
    md.append("### Every round, in the order it ran\n\n");
    md.append(
        "| # | round | repetition | steady docs/s | wall docs/s | ratio | worker µs/doc | engine"
            + " µs/doc | broker µs/doc | bench µs/doc |\n"
            + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    int n = 0;
    int ratioIndex = 0;
    for (BenchResults.Throughput t : r.throughput()) {
      String ratio = "";
      if (!t.ceiling() && ratioIndex < r.ratios().size()) {
        ratio = String.format(Locale.ROOT, "%.2f", r.ratios().get(ratioIndex++).ratio());
      }
      BenchResults.Cpu c = t.cpu();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %d | %,.0f | %,.0f | %s | %s | %s | %s | %s |%n",
              ++n,
              t.ceiling() ? "raw" : "`" + t.writer() + "`",
              t.repetition(),
              t.steadyRate(),
              t.wallRate(),
              ratio,
              t.ceiling() ? "-" : one(c.worker()),
              one(c.engine()),
              one(c.broker()),
              t.ceiling() ? one(c.bench()) : "-"));
    }
    md.append('\n');
  }

  /** The writers of the run, in the order of the plan. */
  static List<Writer> writers(BenchResults r) {
    return Writer.parseAll(r.plan().writers());
  }

  private static String rates(Spread s) {
    return String.format(Locale.ROOT, "%,.0f (%,.0f - %,.0f)", s.median(), s.min(), s.max());
  }

  private static String micros(
      BenchResults r, String writer, ToDoubleFunction<BenchResults.Cpu> process) {
    Spread s = r.cpu(writer, process);
    return s.n() == 0
        ? "-"
        : String.format(Locale.ROOT, "%.1f (%.1f - %.1f)", s.median(), s.min(), s.max());
  }

  private static String one(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }
}
