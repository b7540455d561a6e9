package io.tidestream.noaa.plan;

import io.tidestream.noaa.api.ProductFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Decides which window a unit asks for next and when. Pure: all time comes in as arguments.
 *
 * <p>Rules: the next window begins one minute after the watermark (NOAA ranges are inclusive)
 * and ends no later than {@code begin + span - 1 minute}, and no later than now minus the safety
 * lag (observations) or now plus the horizon (predictions). While a backlog remains the unit is
 * due again at once (the request budget paces it); when caught up it is due one cadence after
 * its watermark. An empty window advances the watermark only when its end is older than the
 * allowed lateness.
 */
public final class Planner {

  /** How often a caught-up predictions unit extends its horizon. */
  public static final Duration PREDICTIONS_REFRESH = Duration.ofHours(1);

  /** Narrowest window after repeated range errors. */
  public static final Duration MIN_SPAN = Duration.ofHours(1);

  private final Duration safetyLag;
  private final Duration lateness;
  private final Duration horizon;
  private final Duration revisionsWindow;
  private final Duration revisionsInterval;

  public Planner(
      Duration safetyLag,
      Duration lateness,
      Duration horizon,
      Duration revisionsWindow,
      Duration revisionsInterval) {
    this.safetyLag = safetyLag;
    this.lateness = lateness;
    this.horizon = horizon;
    this.revisionsWindow = revisionsWindow;
    this.revisionsInterval = revisionsInterval;
  }

  /** Whether the unit's product carries a quality flag that NOAA later revises. */
  public boolean revises(UnitId id) {
    return !revisionsWindow.isZero() && id.product().family() == ProductFamily.WATER_LEVEL
        && id.product() != io.tidestream.noaa.api.NoaaProduct.AIR_GAP;
  }

  /** The initial watermark: one minute before the configured start, on a whole minute. */
  public static Instant initialWatermark(Instant start) {
    return start.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
  }

  /** Latest time a request may cover now. */
  Instant limit(UnitId id, Instant now) {
    Instant l = id.product().isPrediction() ? now.plus(horizon) : now.minus(safetyLag);
    return l.truncatedTo(ChronoUnit.MINUTES);
  }

  /** The next window to request, or empty when nothing new can exist yet. */
  public Optional<Window> next(UnitState s, Instant now) {
    if (revises(s.id()) && !now.isBefore(s.nextRevisionDue)) {
      Instant floor = now.minus(revisionsWindow).truncatedTo(ChronoUnit.MINUTES);
      Instant begin =
          s.verifiedWatermark == null || s.verifiedWatermark.isBefore(floor)
              ? floor
              : s.verifiedWatermark.plus(Duration.ofMinutes(1));
      Instant end = min(begin.plus(s.span).minus(Duration.ofMinutes(1)), s.watermark);
      if (!end.isBefore(begin)) {
        return Optional.of(new Window(begin, end, true));
      }
      s.nextRevisionDue = now.plus(revisionsInterval);
    }
    Instant begin = s.watermark.plus(Duration.ofMinutes(1));
    Instant end = min(begin.plus(s.span).minus(Duration.ofMinutes(1)), limit(s.id(), now));
    if (end.isBefore(begin)) {
      return Optional.empty();
    }
    return Optional.of(new Window(begin, end, false));
  }

  /** When a unit with nothing to ask for should look again. */
  public Instant idleUntil(UnitState s, Instant now) {
    Instant due =
        s.id().product().isPrediction()
            ? now.plus(PREDICTIONS_REFRESH)
            : s.watermark.plus(s.id().cadence()).plus(safetyLag);
    return due.isAfter(now) ? due : now.plus(s.id().cadence());
  }

  /** Whether more than one cadence of data lies between the window's end and the limit. */
  boolean backlog(UnitState s, Window w, Instant now) {
    return w.end().plus(s.id().cadence()).isBefore(limit(s.id(), now));
  }

  /** After rows were sent from window {@code w}: when is the unit due again. */
  public void afterRows(UnitState s, Window w, Instant now) {
    s.answered();
    s.nextDue = backlog(s, w, now) ? now : idleUntil(s, now);
  }

  /**
   * After a revisions window: when every row in it was verified and more sent rows remain
   * after it, continue at once; otherwise wait for the revisions interval.
   */
  public void afterRevision(UnitState s, Window w, Instant now, boolean wholeWindowVerified) {
    s.answered();
    s.nextRevisionDue =
        wholeWindowVerified && w.end().isBefore(s.watermark) ? now : now.plus(revisionsInterval);
    s.nextDue = now;
  }

  /**
   * After an empty answer ("No data was found" or no rows): advance past the window only when
   * it ended longer ago than the allowed lateness; otherwise hold the watermark.
   *
   * @return true when the watermark advanced
   */
  public boolean afterEmpty(UnitState s, Window w, Instant now) {
    if (w.revision()) {
      afterRevision(s, w, now, false);
      return false;
    }
    s.answered();
    boolean settled = w.end().isBefore(now.minus(lateness));
    if (settled) {
      if (s.verifiedWatermark != null && !s.verifiedWatermark.isBefore(s.watermark)) {
        s.verifiedWatermark = w.end();
      }
      s.watermark = w.end();
      s.nextDue = backlog(s, w, now) ? now : idleUntil(s, now);
    } else {
      // ask again when the next sample is due (after a restart that is often sooner than a
      // whole cadence from now), or a cadence from now when it is late
      s.nextDue = idleUntil(s, now);
    }
    return settled;
  }

  /** Whether an empty answer for {@code w} now would move the watermark past it (see {@link #afterEmpty}). */
  public boolean settles(Window w, Instant now) {
    return !w.revision() && w.end().isBefore(now.minus(lateness));
  }

  /** NOAA refused the window as too wide: halve it and ask again at once. */
  public boolean halveSpan(UnitState s, Instant now) {
    if (s.span.compareTo(MIN_SPAN) <= 0) {
      return false;
    }
    Duration half = s.span.dividedBy(2).truncatedTo(ChronoUnit.MINUTES);
    s.span = half.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : half;
    s.nextDue = now;
    return true;
  }

  /**
   * Moves the watermarks to a sent row.
   *
   * @param settled the row is verified, or carries no quality (a gap): it needs no revision
   */
  public void sentRow(UnitState s, Window w, Instant t, boolean settled) {
    if (w.revision()) {
      s.verifiedWatermark = t;
      return;
    }
    boolean contiguous = s.verifiedWatermark != null && !s.verifiedWatermark.isBefore(s.watermark);
    s.watermark = t;
    if (revises(s.id()) && settled && contiguous) {
      s.verifiedWatermark = t;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
