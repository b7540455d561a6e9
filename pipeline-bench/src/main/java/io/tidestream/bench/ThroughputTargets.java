package io.tidestream.bench;

import io.tidestream.bench.BenchResults.Spread;
import io.tidestream.bench.BenchResults.Target;
import io.tidestream.bench.BenchResults.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The throughput and CPU targets of issue #13, judged from a run's results: never a number typed in
 * by hand. Other steps add their own rows ({@link BenchResults#withTargets}).
 */
final class ThroughputTargets {

  private ThroughputTargets() {}

  /** The share of the raw 2-way {@code _bulk} rate the 2-task sink must reach. */
  static final double SHARE = 0.85;

  /** Worker CPU per document, at most this share of today's. */
  static final double CPU_SHARE = 0.5;

  static List<Target> rows(BenchResults r) {
    List<Target> rows = new ArrayList<>();
    rows.add(share(r, Writer.DEFAULT, "the default pipeline format"));
    rows.add(share(r, Writer.SCHEMALESS, "schemaless JSON"));
    rows.add(fourTasks(r));
    rows.add(cpu(r));
    return rows;
  }

  /** The writer reaches {@link #SHARE} of the raw rounds next to it, on a plateaued ceiling. */
  static Target share(BenchResults r, Writer w, String what) {
    String target =
        String.format(
            Locale.ROOT,
            "on a plateaued ceiling, the sink (%s, tasks.max=%d) reaches >= %.0f%% of the raw"
                + " %d-way `_bulk` rate",
            what,
            w.tasks(),
            100 * SHARE,
            r.plan().ceilingConcurrency());
    Spread ratio = r.ratio(w.id());
    if (ratio.n() == 0) {
      return new Target(
          target, "`" + w.id() + "` not in this run's --writers", Verdict.NOT_MEASURED);
    }
    String measured =
        String.format(
                Locale.ROOT,
                "%s (median of %d rounds, each against the raw rounds next to it; %s)",
                pct(ratio.median()),
                ratio.n(),
                range(ratio))
            + plateauNote(r.warmup());
    return new Target(
        target, measured, Verdict.of(r.warmup().plateau() && ratio.median() >= SHARE));
  }

  /** 4 tasks are not slower than 2 beyond the 2-task rounds' spread (both as ratios). */
  static Target fourTasks(BenchResults r) {
    String target = "throughput with tasks.max=4 not lower than with 2 beyond the runs' spread";
    Writer two = Writer.DEFAULT;
    Writer four = new Writer(two.format(), two.converter(), 4);
    Spread s2 = r.ratio(two.id());
    Spread s4 = r.ratio(four.id());
    if (s2.n() == 0 || s4.n() == 0) {
      return new Target(
          target,
          "needs `" + two.id() + "` and `" + four.id() + "` in --writers",
          Verdict.NOT_MEASURED);
    }
    String measured =
        String.format(
            Locale.ROOT,
            "4 tasks %s of the raw rate (median; %s), 2 tasks %s (%s): met when the 4-task median"
                + " is at least the lowest 2-task round",
            pct(s4.median()),
            range(s4),
            pct(s2.median()),
            range(s2));
    return new Target(target, measured, Verdict.of(s4.median() >= s2.min()));
  }

  /** The default writer's worker CPU per document against today's (the baseline run's). */
  static Target cpu(BenchResults r) {
    String target = "worker CPU per document at most half of today's (default format)";
    Spread now = r.cpu(Writer.DEFAULT.id(), BenchResults.Cpu::worker);
    Spread previous = r.cpu(Writer.PREVIOUS_DEFAULT.id(), BenchResults.Cpu::worker);
    if (now.n() == 0) {
      return new Target(
          target,
          "`" + Writer.DEFAULT.id() + "` not in this run's --writers",
          Verdict.NOT_MEASURED);
    }
    String inRun =
        previous.n() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; in this run, the previous default converter (`%s`) costs %.1f µs (%.2f×)",
                Writer.PREVIOUS_DEFAULT.id(),
                previous.median(),
                now.median() / previous.median());
    BenchResults.Baseline b = r.baseline();
    if (b == null) {
      return new Target(
          target,
          String.format(
              Locale.ROOT,
              "%.1f µs/doc now (median of %d rounds); today's figure not given (--baseline)%s",
              now.median(),
              now.n(),
              inRun),
          Verdict.NOT_MEASURED);
    }
    double ratio = now.median() / b.workerMicros();
    return new Target(
        target,
        String.format(
            Locale.ROOT,
            "%.1f µs/doc now (`%s`, median of %d rounds) against %.1f today (`%s` on %s, median of"
                + " %d rounds): %.2f×%s",
            now.median(),
            Writer.DEFAULT.id(),
            now.n(),
            b.workerMicros(),
            b.writer(),
            b.plugins(),
            b.rounds(),
            ratio,
            inRun),
        Verdict.of(ratio <= CPU_SHARE));
  }

  /** The JMH suite is the per-record regression guard; its numbers are on its own page. */
  static Target jmh() {
    return new Target(
        "per-record CPU of the sink's document building (JMH results refreshed)",
        "see [microbenchmarks](../../microbenchmarks/README.md) (JMH)",
        Verdict.SHOWN);
  }

  private static String plateauNote(BenchResults.Warmup w) {
    return w.plateau()
        ? String.format(
            Locale.ROOT,
            "; ceiling plateaued at %,.0f docs/s after %d loads",
            w.plateauRate(),
            w.rates().size())
        : String.format(
            Locale.ROOT,
            "; NO PLATEAU within %d loads: the ceiling was still moving",
            w.maxLoads());
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  private static String range(Spread s) {
    return String.format(Locale.ROOT, "%s - %s", pct(s.min()), pct(s.max()));
  }
}
