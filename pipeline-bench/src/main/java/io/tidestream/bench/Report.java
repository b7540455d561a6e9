package io.tidestream.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown page of a run: the machine, the plan, the tables, the targets and how it was
 * measured.
 */
final class Report {
  private Report() {}

  static String markdown(BenchResults r) {
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
    row(md, "Plugins", m.plugins());
    row(md, "Benchmark", m.commit().isEmpty() ? "(no git)" : "at commit " + m.commit());
    md.append('\n');

    md.append("## What ran\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Load: %,d NOAA water-level records of %d stations (string keys), prefilled once into"
                + " a topic of %d partitions per format a writer reads: the default pipeline format"
                + " (the source's JsonConverter envelope, `{\"schema\":…,\"payload\":…}`) and"
                + " schemaless JSON (the same records as plain JSON objects).%n",
            p.records(),
            p.stations(),
            p.partitions()));
    md.append("- One distributed Connect worker with `-Xmx")
        .append(p.workerHeap())
        .append("`, the sink from its ZIP.\n");
    md.append("- Writers (`--writers`): ")
        .append(String.join(", ", p.writers().stream().map(w -> "`" + w + "`").toList()))
        .append("; ")
        .append(p.repetitions())
        .append(" repetitions, each sink round between two raw rounds.\n");
    md.append(
        "- First, not counted: one drain by the first writer (whose documents the raw loader"
            + " sends), then raw loads until the engine's rate plateaus.\n");
    md.append("- Sink configuration (everything else default):\n\n```properties\n");
    Map<String, String> shown = new TreeMap<>(r.sinkConfig());
    shown.forEach((k, v) -> md.append(k).append('=').append(v).append('\n'));
    md.append("```\n\n");

    ThroughputReport.section(md, r);

    if (r.latency() == null) {
      md.append("## Streaming capacity and latency\n\nNot measured in this run.\n\n");
    } else {
      md.append(LatencyReport.section(r.latency()));
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

    md.append("## Targets\n\n").append(targetsTable(r.targets())).append('\n');
    md.append(
        "Re-run on your machine with `./pipeline bench` (options: `./pipeline bench --help`). The"
            + " numbers depend on the machine: Kafka, Connect, the engine and the load generator"
            + " share its cores.\n");
    return md.toString();
  }

  /** The targets table, one row per target, as the page and the root README show it. */
  static String targetsTable(List<BenchResults.Target> rows) {
    StringBuilder t = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
    for (BenchResults.Target row : rows) {
      t.append("| ")
          .append(row.target())
          .append(" | ")
          .append(row.measured())
          .append(" | ")
          .append(row.verdict().shown)
          .append(" |\n");
    }
    return t.toString();
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
