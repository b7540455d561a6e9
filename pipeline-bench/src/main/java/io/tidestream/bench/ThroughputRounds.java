package io.tidestream.bench;

import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The throughput part of a run, in order: the first writer drains the load unmeasured (it installs
 * the index template and writes the documents the raw ceiling then sends), raw loads warm the
 * engine until its rate plateaus ({@link Plateau}), then raw and sink rounds alternate ({@link
 * RoundPairing}) and each sink round is compared with the raw rounds next to it.
 */
final class ThroughputRounds {

  /** What the throughput part measured. */
  record Outcome(
      BenchResults.Warmup warmup,
      List<BenchResults.Throughput> rounds,
      List<BenchResults.RoundRatio> ratios) {}

  private final DrainRounds drains;
  private final JsonHttp http;
  private final String engineUrl;
  private final NoaaLoad load;
  private final long records;
  private final PrintStream console;

  ThroughputRounds(
      DrainRounds drains,
      JsonHttp http,
      String engineUrl,
      NoaaLoad load,
      long records,
      PrintStream console) {
    this.drains = drains;
    this.http = http;
    this.engineUrl = engineUrl;
    this.load = load;
    this.records = records;
    this.console = console;
  }

  /**
   * Warms up, finds the plateau and runs the interleaved rounds.
   *
   * @param maxActions the sink's batch size, {@code maxBytes} its byte limit per request: the raw
   *     loader cuts its requests the same way
   * @param concurrency the raw loader's requests in flight
   */
  Outcome run(
      List<Writer> writers,
      int repetitions,
      Plateau plateau,
      int concurrency,
      int maxActions,
      long maxBytes) {
    console.println("Warm-up (not measured): " + writers.get(0).label() + " ...");
    drains.sinkRun(writers.get(0), 0);
    List<byte[]> bodies =
        SinkDocuments.bulkBodies(
            http, engineUrl, BenchCommand.INDEX, load, records, maxActions, maxBytes);
    console.printf(
        Locale.ROOT,
        "Built %,d bulk requests for the raw ceiling from the sink's documents (%d in flight).%n",
        bodies.size(),
        concurrency);
    BulkCeiling ceiling = new BulkCeiling();
    BenchResults.Warmup warmup = warmUp(ceiling, bodies, concurrency, plateau);
    drains.forgetWindows();

    List<BenchResults.Throughput> rounds = new ArrayList<>();
    for (RoundPairing.Step step : RoundPairing.schedule(writers, repetitions)) {
      rounds.add(
          step.isRaw()
              ? drains.ceilingRun(ceiling, bodies, concurrency, step.repetition(), null)
              : drains.sinkRun(step.writer().orElseThrow(), step.repetition()));
    }
    List<BenchResults.RoundRatio> ratios = RoundPairing.ratios(rounds);
    BenchResults.Spread raw =
        BenchResults.Spread.of(
            rounds.stream()
                .filter(BenchResults.Throughput::ceiling)
                .map(BenchResults.Throughput::steadyRate)
                .toList());
    console.printf(
        Locale.ROOT,
        "Raw _bulk during the measured rounds: median %,.0f docs/s (%,.0f - %,.0f).%n",
        raw.median(),
        raw.min(),
        raw.max());
    for (Writer w : writers) {
      BenchResults.Spread r =
          BenchResults.Spread.of(
              ratios.stream()
                  .filter(x -> x.writer().equals(w.id()))
                  .map(BenchResults.RoundRatio::ratio)
                  .toList());
      console.printf(
          Locale.ROOT,
          "  %-62s %.2f of the raw rounds next to it (median; %.2f - %.2f over %d rounds)%n",
          w.label(),
          r.median(),
          r.min(),
          r.max(),
          r.n());
    }
    return new Outcome(warmup, rounds, ratios);
  }

  /** Raw loads until {@code plateau} says the engine is warm, or gives up. */
  private BenchResults.Warmup warmUp(
      BulkCeiling ceiling, List<byte[]> bodies, int concurrency, Plateau plateau) {
    List<Double> rates = new ArrayList<>();
    Plateau.Next next;
    do {
      rates.add(
          drains
              .ceilingRun(ceiling, bodies, concurrency, 0, "warm-up " + (rates.size() + 1))
              .steadyRate());
      next = plateau.next(rates);
    } while (next == Plateau.Next.LOAD_AGAIN);
    boolean reached = next == Plateau.Next.REACHED;
    String shown =
        rates.stream()
            .map(r -> String.format(Locale.ROOT, "%,.0f", r))
            .collect(Collectors.joining(", "));
    if (reached) {
      console.printf(
          Locale.ROOT,
          "The engine's raw _bulk rate plateaued at %,.0f docs/s after %d loads (%s).%n",
          Plateau.rate(rates),
          rates.size(),
          shown);
    } else {
      console.printf(
          Locale.ROOT,
          "NO PLATEAU: the engine's raw _bulk rate was still moving after %d loads (%s docs/s);"
              + " measuring anyway, and the page says so.%n",
          rates.size(),
          shown);
    }
    return new BenchResults.Warmup(
        List.copyOf(rates),
        reached,
        reached ? Plateau.rate(rates) : Double.NaN,
        plateau.tolerance(),
        plateau.maxLoads());
  }
}
