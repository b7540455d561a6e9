package io.tidestream.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown page of a run: the machine, the plan, the tables, the targets and how it was
 * measured.
 */
final class Report {
  private Report() {}

  /** The share of the ceiling the 2-task sink must sustain, and the p99 bound, from issue #7. */
  static final double CEILING_TARGET = 0.85;

  static final double P99_TARGET_MS = 2_000;

  static String markdown(BenchResults r, boolean workerSurvived) {
    StringBuilder md = new StringBuilder();
    BenchResults.Machine m = r.machine();
    BenchResults.Plan p = r.plan();
    md.append("# Benchmarks\n\n");
    md.append("Written by `")
        .append(r.command())
        .append("` on ")
        .append(r.startedAt())
        .append(" (it took ")
        .append(r.tookSeconds() / 60)
        .append(" min ")
        .append(r.tookSeconds() % 60)
        .append(" s). Every number on ")
        .append("this page comes from that run; `results.json` holds the single repetitions.\n\n");

    md.append("## Machine\n\n| | |\n|---|---|\n");
    row(md, "CPU cores", Integer.toString(m.cores()));
    row(md, "Memory", gib(m.memoryBytes()));
    row(md, "CPU", m.cpu());
    row(md, "OS", m.os());
    row(md, "Java", m.java());
    row(md, "Kafka", m.kafka());
    row(md, "Engine", m.engine() + " (single node, heap " + p.engineHeap() + ", same machine)");
    row(md, "Plugins", m.plugins() + (m.commit().isEmpty() ? "" : " at commit " + m.commit()));
    md.append('\n');

    md.append("## What ran\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Load: %,d NOAA water-level records of %d stations (the source's schema,"
                + " JsonConverter with schemas, string keys) prefilled into a topic of %d"
                + " partitions.%n",
            p.records(),
            p.stations(),
            p.partitions()));
    md.append("- One distributed Connect worker with `-Xmx")
        .append(p.workerHeap())
        .append("`, the sink from its ZIP.\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Raw bulk ceiling: the same documents (those the sink wrote, read back from the"
                + " engine: same ids, fields and geo point), the sink's batch size, %d requests in"
                + " flight (what 2 sink tasks keep in flight), sent straight to the engine with the"
                + " JDK HTTP client.%n",
            p.ceilingConcurrency()));
    md.append(
        "- First, not counted: one 2-task drain (whose documents the ceiling sends) and one raw"
            + " load, so that the engine's and the worker's JIT are warm for whichever writer goes"
            + " first.\n");
    md.append(
            "- Each repetition drains the whole topic into a fresh index: the ceiling, then"
                + " `tasks.max` = ")
        .append(String.join(", ", p.tasks().stream().map(String::valueOf).toList()))
        .append("; ")
        .append(p.repetitions())
        .append(" repetitions, interleaved.\n");
    md.append("- Sink configuration (everything else default):\n\n```properties\n");
    Map<String, String> shown = new TreeMap<>(r.sinkConfig());
    shown.forEach((k, v) -> md.append(k).append('=').append(v).append('\n'));
    md.append("```\n\n");

    md.append("## Throughput\n\n");
    md.append(
        "Steady rate: documents per second the engine counted (`_stats/indexing`, polled every 100"
            + " ms) between 5% and 95% of the load, so start-up and the last partial batches are"
            + " left out. Wall rate: all documents over the time from the first request (ceiling)"
            + " or from creating the connector (sink: includes task start and the consumer group"
            + " join) to the last document.\n\n");
    md.append(
        "| writer | steady docs/s (median) | spread (min - max) | share of ceiling | wall docs/s"
            + " (median) | operations re-sent |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    BenchResults.Spread ceiling = r.steady(0);
    md.append(
        String.format(
            Locale.ROOT,
            "| raw bulk ceiling | %,.0f | %,.0f - %,.0f | 100%% | %,.0f | %,d |%n",
            ceiling.median(),
            ceiling.min(),
            ceiling.max(),
            r.wall(0).median(),
            r.resent(0)));
    for (int tasks : p.tasks()) {
      BenchResults.Spread s = r.steady(tasks);
      md.append(
          String.format(
              Locale.ROOT,
              "| sink, tasks.max=%d | %,.0f | %,.0f - %,.0f | %.0f%% | %,.0f | %,d |%n",
              tasks,
              s.median(),
              s.min(),
              s.max(),
              100 * s.median() / ceiling.median(),
              r.wall(tasks).median(),
              r.resent(tasks)));
    }
    md.append(
        "\n"
            + "Operations re-sent: index operations beyond one per document over all repetitions"
            + " (the sink re-delivers what was in flight when a consumer-group rebalance moved a"
            + " partition; ids make that idempotent). The steady rate counts distinct documents:"
            + " repeated operations are taken out in proportion.\n");
    md.append("\n![throughput](throughput.png)\n\n");

    md.append("## End-to-end latency\n\n");
    if (r.latency().isEmpty()) {
      md.append("Not measured in this run.\n\n");
    } else {
      BenchResults.Latency first = r.latency().get(0);
      md.append(
          String.format(
              Locale.ROOT,
              "From handing a record to the producer until a search finds its document (the index's"
                  + " default 1 s refresh), at a steady %,.0f records/s (half the 2-task sink's"
                  + " median steady rate; producer with Kafka 4's default 5 ms linger), 2 tasks, %d"
                  + " windows of %d s after the first record is indexed and a 10 s warm-up. About"
                  + " 100 records a second are probes; a search for the outstanding ones runs every"
                  + " 50 ms, so each latency is overstated by at most 50 ms.%n%n",
              first.rate(),
              r.latency().size(),
              p.latencySeconds()));
      md.append("| | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
      for (BenchResults.Latency l : r.latency()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| window %d (%,d probes%s) | %.0f | %.0f | %.0f | %.0f |%n",
                l.repetition(),
                l.probes(),
                l.unseen() == 0 ? "" : ", " + l.unseen() + " never seen",
                l.p50(),
                l.p95(),
                l.p99(),
                l.max()));
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| **median** | **%.0f** | **%.0f** | **%.0f** | **%.0f** |%n%n",
              r.latency(BenchResults.Latency::p50).median(),
              r.latency(BenchResults.Latency::p95).median(),
              r.latency(BenchResults.Latency::p99).median(),
              r.latency(BenchResults.Latency::max).median()));
      md.append("![latency](latency.png)\n\n");
    }

    md.append("## Worker heap\n\n");
    md.append(
        "From the worker's GC log (`-Xlog:gc`), while the sink drained the prefilled topic at full"
            + " speed: the peak is the heap in use before a collection; \"most live after GC\" is"
            + " the most heap left after one, an upper bound of what was really held (a young"
            + " collection leaves old garbage in place); pause share is the time spent in GC pauses"
            + " over the drain.\n\n");
    md.append(
        "| tasks.max | peak heap | most live after GC | GC pause share | full GCs |\n"
            + "|---|---:|---:|---:|---:|\n");
    for (BenchResults.Heap h : r.heap()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.1f%% | %d |%n",
              h.tasks(),
              mib(h.peakBytes()),
              mib(h.maxLiveBytes()),
              100 * h.pauseShare(),
              h.fullPauses()));
    }
    md.append("\n");

    md.append(BackfillReport.section(r.backfill()));

    md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
    double share = r.steady(2).median() / ceiling.median();
    md.append(
        String.format(
            Locale.ROOT,
            "| 2-task sink sustains >= 85%% of the raw bulk ceiling (stretch 95%%) "
                + "| %.0f%% | %s |%n",
            100 * share,
            share >= CEILING_TARGET ? "yes" : "**no**"));
    if (!r.latency().isEmpty()) {
      double p99 = r.latency(BenchResults.Latency::p99).median();
      md.append(
          String.format(
              Locale.ROOT,
              "| end-to-end p99 at half load < 2 s | %.0f ms (median of %d windows) " + "| %s |%n",
              p99,
              r.latency().size(),
              p99 < P99_TARGET_MS ? "yes" : "**no**"));
    }
    long peak = r.heap().stream().mapToLong(BenchResults.Heap::peakBytes).max().orElse(0);
    int full = r.heap().stream().mapToInt(BenchResults.Heap::fullPauses).sum();
    double pause = r.heap().stream().mapToDouble(BenchResults.Heap::pauseShare).max().orElse(0);
    boolean heapOk = workerSurvived && full == 0;
    md.append(
        String.format(
            Locale.ROOT,
            "| full-speed drain with -Xmx%s: no out-of-memory error, no GC death spiral | peak %s,"
                + " %d full GCs, at most %.1f%% of the time in GC pauses, worker %s | %s |%n",
            p.workerHeap(),
            mib(peak),
            full,
            100 * pause,
            workerSurvived ? "alive and its tasks RUNNING throughout" : "FAILED",
            heapOk ? "yes" : "**no**"));
    md.append(BackfillReport.targetRow(r.backfill()));
    md.append(
        "| per-record CPU cost of the sink's document building | see"
            + " [microbenchmarks](../../microbenchmarks/README.md) (JMH) | shown |\n\n");
    md.append(
        "Re-run on your machine with `./pipeline bench` (options: `./pipeline bench --help`). The"
            + " numbers depend on the machine: Kafka, Connect, the engine and the load generator"
            + " share its cores.\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }
}
