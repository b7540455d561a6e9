package io.tidestream.bench;

import java.util.List;
import java.util.Locale;

/** The source backfill step's section of the page and its row of the targets table. */
final class BackfillReport {

  private BackfillReport() {}

  /** The section, or nothing when the step was skipped. */
  static String section(BackfillResult b) {
    if (b == null) {
      return "";
    }
    BackfillResult.Requests r = b.requests();
    StringBuilder md = new StringBuilder("## Source backfill requests\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "The source connector (from its ZIP, `tasks.max=%d`) backfilled %d days"
                + " (`noaa.start=P%dD`) of %d stations x %s = %d units from the NOAA simulator, at"
                + " `noaa.requests.per.second=%s` (the simulator is local and has no ban"
                + " threshold here, so the step can run at 10 times NOAA's usual 1/s and stay"
                + " short; the pacing and the windows are the same at any rate). Counted from the"
                + " simulator's request log.%n%n",
            b.tasks(),
            b.days(),
            b.days(),
            b.stations(),
            String.join(", ", b.products()),
            r.units(),
            fmt(r.rate())));
    md.append("| | |\n|---|---|\n");
    row(
        md,
        "data requests until every unit caught up",
        String.format(Locale.ROOT, "%,d (minimum %,d)", r.made(), r.minimum()));
    row(md, "repeated windows", Long.toString(r.repeats()));
    row(md, "units behind when the step ended", Integer.toString(r.behind().size()));
    row(md, "units above their minimum", list(r.aboveMinimum()));
    row(md, "data requests after catching up (new data)", Long.toString(r.tail()));
    row(md, "metadata requests (validation, station list at start)", Long.toString(r.metadata()));
    row(
        md,
        "peak requests in any 1 s / in one clock second / in any 10 s",
        String.format(
            Locale.ROOT,
            "%d / %d / %d (bounds: ceil(R) + 1 = %d, R = %s, 10 x R + 1 = %s)",
            r.peakOneSecond(),
            r.peakClockSecond(),
            r.peakTenSeconds(),
            r.oneSecondBound(),
            fmt(r.rate()),
            fmt(r.tenSecondBound())));
    row(
        md,
        "rows served / offsets written (records, and the exactly-once commit markers)",
        String.format(Locale.ROOT, "%,d / %,d", b.rowsServed(), b.offsetsWritten()));
    row(
        md,
        "time to catch up / whole step",
        String.format(Locale.ROOT, "%.0f s / %.0f s", b.catchUpSeconds(), b.seconds()));
    md.append(
        "\nThe minimum of a unit is ceil(minutes from its start to its catch-up point, both"
            + " ends inclusive / minutes of NOAA's widest window for the product: 31 days for"
            + " 6-minute data, 4 days for one-minute water levels, 365 days for hourly data and"
            + " predictions); the catch-up point is the connector's creation minus the safety lag"
            + " (predictions: plus the horizon). A repeat is a window that begins at or before an"
            + " earlier window of the same unit. Metadata requests are counted apart. See"
            + " [pipeline-bench](../../pipeline-bench/README.md#source-backfill-step).\n\n");
    return md.toString();
  }

  private static String list(List<String> units) {
    if (units.isEmpty()) {
      return "none";
    }
    return units.size() <= 5
        ? String.join(", ", units)
        : String.join(", ", units.subList(0, 5)) + " and " + (units.size() - 5) + " more";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
