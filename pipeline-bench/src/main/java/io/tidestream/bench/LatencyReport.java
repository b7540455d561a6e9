package io.tidestream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The streaming part of the results page: the capacity search's evidence, the latency curve's
 * windows, and the latency rows of the targets table.
 */
final class LatencyReport {

  /** p99 produce→acknowledged at half the streaming capacity, in every window. */
  static final double ACK_P99_TARGET_MS = 500;

  /** p99 produce→searchable at half the streaming capacity, in every window. */
  static final double SEARCHABLE_P99_TARGET_MS = 1_500;

  private LatencyReport() {}

  /** One row of the targets table: what was asked, what was measured, whether it was met. */
  record TargetRow(String target, String measured, boolean met) {
    String markdown() {
      return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }
  }

  /** The page's sections about streaming capacity and latency. */
  static String section(LatencyResults l) {
    StringBuilder md = new StringBuilder();
    md.append("## Streaming capacity\n\n");
    if (l.trials().isEmpty()) {
      md.append(
          String.format(
              Locale.ROOT,
              "Given on the command line: %,.0f records/s (not measured in this run).%n%n",
              l.capacity()));
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              "The highest rate the whole pipeline on this machine sustains while streaming: the"
                  + " bench's producer writes at a fixed rate (5 ms linger) into a topic while the"
                  + " sink (`tasks.max=2`, value converter: %s) indexes it; producer, broker,"
                  + " worker and engine share the cores. Each rate runs a %d s warm-up and a %.0f s"
                  + " window; it is sustainable when the producer reached %.0f%% of the offered"
                  + " rate and the backlog (records the broker acknowledged and the engine has"
                  + " not) grew by at most %.1f s of the offered rate over the window. Rates step"
                  + " up by %.1fx, then bisect to within %.0f%%; the sink works off its backlog"
                  + " between rates.%n%n",
              l.converter(),
              StreamingCapacity.WARM_UP.toSeconds(),
              l.trials().get(0).seconds(),
              100 * CapacityTrial.PRODUCER_SHARE,
              CapacityTrial.BACKLOG_GROWTH_SECONDS,
              CapacitySearch.STEP_UP,
              100 * CapacitySearch.RESOLUTION));
      md.append(
          "| offered /s | produced /s | indexed /s | backlog at start | backlog at end |"
              + " sustainable |\n|---:|---:|---:|---:|---:|---|\n");
      for (CapacityTrial t : l.trials()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %,.0f | %,.0f | %,.0f | %,d | %,d | %s |%n",
                t.offered(),
                t.producedRate(),
                t.indexedRate(),
                t.backlogStart(),
                t.backlogEnd(),
                t.sustainable() ? "yes" : "no"));
      }
      double above = CapacitySearch.lowestUnsustainable(l.trials());
      md.append(
          Double.isInfinite(above)
              ? String.format(
                  Locale.ROOT,
                  "%n**Streaming capacity: at least %,.0f records/s.** Every rate tried was"
                      + " sustainable before the time budget ran out, so this is a lower bound;"
                      + " the latency rates below are shares of it.%n%n",
                  l.capacity())
              : String.format(
                  Locale.ROOT,
                  "%n**Streaming capacity: %,.0f records/s** (sustainable; %,.0f records/s was"
                      + " not).%n%n",
                  l.capacity(),
                  above));
    }

    md.append("## Latency\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "At %s of the streaming capacity, %d windows of %d s each after a %d s settle, same"
                + " connector. **Produce→acknowledged**: the sink's `record-ack-latency` metric"
                + " (now minus the record's CreateTime, which the bench's producer stamps at"
                + " send, when the engine's answer is handled), read over JMX at each window's"
                + " end, the worst of the 2 tasks. The worker runs with"
                + " `metrics.sample.window.ms=%d` and `metrics.num.samples=%d`, so a reading"
                + " covers the last %.0f-%.0f s of its window; its percentiles come from Kafka's"
                + " `Percentiles` histogram (4,000 buckets growing linearly to 5 minutes) and read"
                + " low by at most one bucket: about 6 ms at 500 ms, 12 ms at 2 s."
                + " **Produce→searchable**: about 100 records a second are probes, searched for"
                + " by id every 50 ms with the index's default 1 s refresh (overstated by at most"
                + " 50 ms). The headline is the point at half the capacity.%n%n",
            String.join(", ", l.shares().stream().map(LatencyReport::percent).toList()),
            l.at(l.shares().get(0)).size(),
            l.windowSeconds(),
            LatencyCurve.SETTLE.toSeconds(),
            l.metricSampleWindowMs(),
            l.metricSamples(),
            (l.metricSamples() - 1) * l.metricSampleWindowMs() / 1000.0,
            l.metricSamples() * l.metricSampleWindowMs() / 1000.0));
    md.append(
        "| share | offered /s | window | produced /s | acknowledged p50 / p99 / max ms |"
            + " searchable p50 / p99 / max ms | probes |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LatencyResults.Window w : l.windows()) {
      boolean headline = Math.abs(w.share() - LatencyResults.HEADLINE_SHARE) < 1e-9;
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %d | %,.0f | %s / %s / %s | %s / %s / %s | %,d%s |%n",
              headline ? "**" + percent(w.share()) + "**" : percent(w.share()),
              w.rate(),
              w.window(),
              w.producedRate(),
              ms(w.ackP50()),
              ms(w.ackP99()),
              ms(w.ackMax()),
              ms(w.searchP50()),
              ms(w.searchP99()),
              ms(w.searchMax()),
              w.probes(),
              w.unseen() == 0 ? "" : " (" + w.unseen() + " never seen)"));
    }
    md.append("\n![latency](latency.png)\n\n");
    return md.toString();
  }

  /**
   * The targets-table rows: at half the streaming capacity, p99 produce→acknowledged and p99
   * produce→searchable in every window. Not met without such windows, or when a window measured
   * nothing or lost a probe.
   */
  static List<TargetRow> targetRows(LatencyResults l) {
    List<TargetRow> rows = new ArrayList<>();
    List<LatencyResults.Window> half = l == null ? List.of() : l.at(LatencyResults.HEADLINE_SHARE);
    rows.add(
        row(
            "p99 produce→acknowledged < 500 ms at half the streaming capacity, every window",
            half,
            half.stream().mapToDouble(LatencyResults.Window::ackP99).toArray(),
            ACK_P99_TARGET_MS,
            false));
    rows.add(
        row(
            "p99 produce→searchable < 1.5 s at half the streaming capacity, every window",
            half,
            half.stream().mapToDouble(LatencyResults.Window::searchP99).toArray(),
            SEARCHABLE_P99_TARGET_MS,
            half.stream().anyMatch(w -> w.unseen() > 0)));
    return rows;
  }

  private static TargetRow row(
      String target,
      List<LatencyResults.Window> windows,
      double[] p99s,
      double limit,
      boolean probesLost) {
    if (windows.isEmpty()) {
      return new TargetRow(target, "not measured", false);
    }
    boolean met = !probesLost;
    double worst = Double.NEGATIVE_INFINITY;
    List<String> each = new ArrayList<>();
    for (double p : p99s) {
      met &= !Double.isNaN(p) && p < limit;
      worst = Double.isNaN(p) ? worst : Math.max(worst, p);
      each.add(ms(p));
    }
    String measured =
        String.format(
            Locale.ROOT,
            "worst window %s ms (windows: %s ms) at %,.0f records/s%s",
            ms(worst),
            String.join(", ", each),
            windows.get(0).rate(),
            probesLost ? "; probes never seen" : "");
    return new TargetRow(target, measured, met);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  private static String ms(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
  }
}
