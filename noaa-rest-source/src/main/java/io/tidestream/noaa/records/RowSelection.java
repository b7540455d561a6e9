package io.tidestream.noaa.records;

import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.plan.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rows of one NOAA answer become records. Pure: it reads the window and the unit's watermarks
 * as they were when the request was sent, and changes nothing.
 *
 * <ul>
 *   <li>A row outside the window is not delivered (NOAA's ranges are inclusive).
 *   <li>A data window delivers rows strictly after the watermark, in order: a row NOAA sends twice,
 *       or one older than a row already taken from the same answer, is not delivered again (the
 *       watermark guard).
 *   <li>A revisions window delivers verified rows after the verified watermark and up to the
 *       watermark; it skips gap rows (no quality) and stops at the first preliminary row, so the
 *       verified watermark stays contiguous.
 * </ul>
 */
public final class RowSelection {

  /**
   * The rows to deliver, in order.
   *
   * @param revisionComplete for a revisions window: no preliminary row stopped it
   */
  public record Selected(List<Observation> rows, boolean revisionComplete) {}

  private RowSelection() {}

  /**
   * @param watermark the unit's watermark (last row sent)
   * @param verifiedWatermark the unit's verified watermark, or null
   */
  public static Selected select(
      Window w, Instant watermark, Instant verifiedWatermark, List<Observation> rows) {
    return w.revision()
        ? revisions(w, watermark, verifiedWatermark, rows)
        : data(w, watermark, rows);
  }

  private static Selected data(Window w, Instant watermark, List<Observation> rows) {
    List<Observation> out = new ArrayList<>();
    Instant last = watermark;
    for (Observation o : rows) {
      Instant t = o.time();
      if (outside(w, t) || !t.isAfter(last)) {
        continue;
      }
      out.add(o);
      last = t;
    }
    return new Selected(out, true);
  }

  private static Selected revisions(
      Window w, Instant watermark, Instant verifiedWatermark, List<Observation> rows) {
    List<Observation> out = new ArrayList<>();
    Instant verified = verifiedWatermark;
    for (Observation o : rows) {
      Instant t = o.time();
      if (outside(w, t) || (verified != null && !t.isAfter(verified))) {
        continue;
      }
      if (t.isAfter(watermark)) {
        break;
      }
      if (o.quality() == null) {
        continue; // a gap row carries no quality; nothing to revise
      }
      if (!o.isVerified()) {
        return new Selected(out, false); // keep the verified watermark contiguous
      }
      out.add(o);
      verified = t;
    }
    return new Selected(out, true);
  }

  private static boolean outside(Window w, Instant t) {
    return t.isBefore(w.begin()) || t.isAfter(w.end());
  }
}
