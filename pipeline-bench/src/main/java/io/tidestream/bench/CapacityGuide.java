package io.tidestream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capacity guide ({@code capacity.md} beside the bench page): what one core of the Connect
 * worker and of the engine does per second for each writer, the engine's share of the work, and the
 * cores, tasks and partitions a target rate needs, all derived from one run's rounds. Sizing rests
 * on CPU time per document, which hardly depends on what else shares the machine, not on the rates,
 * which do. Pure: results in, Markdown out.
 */
final class CapacityGuide {

  /** Cores are sized to be at most this busy at the target rate. */
  static final double HEADROOM = 0.7;

  /** The target rates of the sizing table, in documents per second. */
  static final List<Integer> TARGETS = List.of(5_000, 20_000, 50_000, 100_000);

  private CapacityGuide() {}

  /** One writer's medians over its rounds. */
  record Cost(
      String writer,
      int tasks,
      double rate,
      double workerMicros,
      double engineMicros,
      double brokerMicros) {

    /** Documents per second one fully busy worker core converts and sends. */
    double perWorkerCore() {
      return 1e6 / workerMicros;
    }

    /** Documents per second one fully busy engine core indexes. */
    double perEngineCore() {
      return 1e6 / engineMicros;
    }

    /** The engine's part of the CPU the pipeline spends per document (worker, engine, broker). */
    double engineShare() {
      return engineMicros / (workerMicros + engineMicros + brokerMicros);
    }
  }

  /** A row of the sizing table. */
  record Size(int target, double workerCores, double engineCores, int tasks, int partitions) {}

  /** The medians of every writer's rounds, in the order the writers first ran; raw first. */
  static List<Cost> costs(BenchResults r) {
    Map<String, Integer> tasksByWriter = new LinkedHashMap<>();
    r.throughput().forEach(t -> tasksByWriter.putIfAbsent(t.writer(), t.tasks()));
    List<Cost> costs = new ArrayList<>();
    tasksByWriter.forEach(
        (writer, tasks) ->
            costs.add(
                new Cost(
                    writer,
                    tasks,
                    r.steady(writer).median(),
                    r.cpu(writer, BenchResults.Cpu::worker).median(),
                    r.cpu(writer, BenchResults.Cpu::engine).median(),
                    r.cpu(writer, BenchResults.Cpu::broker).median())));
    costs.sort(java.util.Comparator.comparing(c -> !isRaw(c)));
    return costs;
  }

  private static boolean isRaw(Cost c) {
    return BenchResults.RAW.equals(c.writer());
  }

  /**
   * What {@code target} documents per second need with {@code cost}: worker and engine cores busy
   * at most {@link #HEADROOM}, one task per worker core needed (a task converts its records on one
   * thread) and at least 2 (a task per worker of a 2-worker cluster), and twice as many partitions
   * as tasks (a group spreads partitions, not records, and partitions cannot be removed: the spare
   * ones let tasks be added later).
   */
  static Size size(int target, Cost cost) {
    double worker = target * cost.workerMicros() / 1e6 / HEADROOM;
    double engine = target * cost.engineMicros() / 1e6 / HEADROOM;
    int tasks = Math.max(2, (int) Math.ceil(worker));
    return new Size(target, worker, engine, tasks, 2 * tasks);
  }

  static String markdown(BenchResults r) {
    StringBuilder md = new StringBuilder();
    BenchResults.Machine m = r.machine();
    md.append("# Capacity guide\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Written by `./pipeline bench` from its run of %s (`%s`; every number here is derived"
                + " from that run's rounds, in `results.json` beside this page, and the"
                + " [bench page](README.md) shows them). Machine: %d cores (%s), %s of memory, %s,"
                + " Kafka %s, %s (single node, 1 shard, 0 replicas, heap %s); the broker, one"
                + " Connect worker, the engine and the load generator shared it.%n%n",
            r.startedAt(),
            r.command(),
            m.cores(),
            m.cpu(),
            Report.gib(m.memoryBytes()),
            m.java(),
            m.kafka(),
            m.engine(),
            r.plan().engineHeap()));
    md.append(
        "Rates depend on everything that shares the cores; CPU time per document (user + system of"
            + " each server's process, from `/proc`) hardly does, so the sizing below rests on it:"
            + " documents per second per core = 1,000,000 / µs per document.\n\n");

    List<Cost> costs = costs(r);
    md.append("## What one core does\n\n");
    md.append(
        "| writer | docs/s on this machine | per task | worker µs/doc | docs/s per worker core"
            + " | engine µs/doc | docs/s per engine core | engine's share of the CPU |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cost c : costs) {
      if (isRaw(c)) {
        md.append(
            String.format(
                Locale.ROOT,
                "| raw `_bulk` (no Connect) | %,.0f | - | - | - | %.1f | %,.0f | - |%n",
                c.rate(),
                c.engineMicros(),
                c.perEngineCore()));
      } else {
        md.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %,.0f | %,.0f | %.1f | %,.0f | %.1f | %,.0f | %.0f%% |%n",
                c.writer(),
                c.rate(),
                c.rate() / c.tasks(),
                c.workerMicros(),
                c.perWorkerCore(),
                c.engineMicros(),
                c.perEngineCore(),
                100 * c.engineShare()));
      }
    }
    md.append(
        "\nMedians over the repetitions. \"Per task\" is the rate over `tasks.max` on this"
            + " machine, where tasks share its cores with the broker and the engine: a lower bound"
            + " of what a task does with a core of its own. The engine's share is its part of the"
            + " worker + engine + broker CPU per document: it is the part to scale first.\n\n");

    costs.stream()
        .filter(c -> c.writer().equals(Writer.DEFAULT.id()))
        .findFirst()
        .ifPresent(c -> sizing(md, c));
    tasksNote(md, costs, m.cores());
    if (r.latency() != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "Streaming, with every server on this one machine, the pipeline sustained %,.0f"
                  + " records/s end to end (the bench page's streaming capacity).%n%n",
              r.latency().capacity()));
    }
    md.append(
        "Re-run `./pipeline bench` on your own hardware and this page is written again from"
            + " that run.\n");
    return md.toString();
  }

  private static void sizing(StringBuilder md, Cost c) {
    md.append("## Sizing for a target rate\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "For the pipeline's default format (`%s`: %.1f µs of worker CPU and %.1f µs of engine"
                + " CPU per document), with cores at most %.0f%% busy at the target rate:%n%n",
            c.writer(),
            c.workerMicros(),
            c.engineMicros(),
            100 * HEADROOM));
    md.append(
        "| target docs/s | Connect worker cores | engine cores (per copy) | sink `tasks.max` |"
            + " topic partitions |\n"
            + "|---:|---:|---:|---:|---:|\n");
    for (int target : TARGETS) {
      Size s = size(target, c);
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.1f | %.1f | %d | %d |%n",
              s.target(),
              s.workerCores(),
              s.engineCores(),
              s.tasks(),
              s.partitions()));
    }
    md.append(
        "\n- **Worker cores**: target × worker µs/doc / 0.7, spread over the workers; add one"
            + " worker's worth so that the cluster keeps the rate with one worker down.\n"
            + "- **Engine cores** are for one copy of each document: every replica indexes it"
            + " again, so multiply by 1 + `number_of_replicas`. Searches and dashboards need cores"
            + " of their own.\n"
            + "- **Tasks**: one per worker core needed (a task converts its records on one thread),"
            + " and at least 2 so that a second worker takes over. **Partitions**: twice the"
            + " tasks — Connect spreads partitions, not records, over the tasks, and a topic's"
            + " partitions cannot be reduced later.\n\n");
  }

  /** What the run says about tasks beyond the cores: compares tasks.max of one format. */
  private static void tasksNote(StringBuilder md, List<Cost> costs, int cores) {
    Cost two = null;
    Cost more = null;
    for (Cost c : costs) {
      if (isRaw(c) || !c.writer().startsWith("default:bytes:")) {
        continue;
      }
      if (c.tasks() == 2) {
        two = c;
      } else if (c.tasks() > 2 && more == null) {
        more = c;
      }
    }
    if (two == null || more == null) {
      return;
    }
    md.append(
        String.format(
            Locale.ROOT,
            "On this machine (%d cores, shared with the broker and the engine), `tasks.max=%d`"
                + " indexed %,.0f docs/s against %,.0f with 2: tasks beyond the cores add no"
                + " throughput; add cores (workers), then tasks.%n%n",
            cores,
            more.tasks(),
            more.rate(),
            two.rate()));
  }
}
