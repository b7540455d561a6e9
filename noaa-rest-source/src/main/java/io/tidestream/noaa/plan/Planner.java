package io.tidestream.noaa.plan;

import io.tidestream.noaa.api.ProductFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Decides which window a unit asks for next and when. Pure: all time comes in as arguments, and it
 * returns values; the state changes they call for are made by the caller on {@link UnitState}.
 *
 * <p>Rules: the next window begins one minute after the watermark (NOAA ranges are inclusive) and
 * ends no later than {@code begin + span - 1 minute}, and no later than now minus the safety lag
 * (observations) or now plus the horizon (predictions). While a backlog remains the unit is due
 * again at once (the request budget paces it); when caught up it is due one cadence after its
 * watermark. An empty window advances the watermark only when its end is older than the allowed
 * lateness. A window that ends before the next sample after the watermark is due (a caught-up unit
 * right after a restart) is not asked for: it could only be answered with "No data".
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
    return !revisionsWindow.isZero()
        && id.product().family() == ProductFamily.WATER_LEVEL
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

  /**
   * What a unit asks for next.
   *
   * @param window the window to request, or null when nothing new can exist yet
   * @param revisionsDueAgain when revisions were due but found nothing to revise: when to look for
   *     them again (the caller stores it in the unit), else null
   */
  public record Next(Window window, Instant revisionsDueAgain) {
    public Optional<Window> request() {
      return Optional.ofNullable(window);
    }
  }

  /** The next window to request, or none when nothing new can exist yet. Changes nothing. */
  public Next next(UnitState s, Instant now) {
    Instant revisionsDueAgain = null;
    if (revises(s.id()) && !now.isBefore(s.nextRevisionDue())) {
      Instant floor = now.minus(revisionsWindow).truncatedTo(ChronoUnit.MINUTES);
      Instant vwm = s.verifiedWatermark();
      Instant begin = vwm == null || vwm.isBefore(floor) ? floor : vwm.plus(Duration.ofMinutes(1));
      Instant end = min(begin.plus(s.span()).minus(Duration.ofMinutes(1)), s.watermark());
      if (!end.isBefore(begin)) {
        return new Next(new Window(begin, end, true), null);
      }
      revisionsDueAgain = now.plus(revisionsInterval);
    }
    Instant begin = s.watermark().plus(Duration.ofMinutes(1));
    Instant end = min(begin.plus(s.span()).minus(Duration.ofMinutes(1)), limit(s.id(), now));
    return new Next(
        nothingNewYet(s, begin, end) ? null : new Window(begin, end, false), revisionsDueAgain);
  }

  /**
   * Whether a data window up to {@code end} can hold no sample after the watermark yet: it is
   * empty, or (observations) it ends before the next sample on the unit's cadence is due. Asking
   * then only gets "No data" and the same window is asked for again later; that is what every
   * caught-up unit did right after a task restart, whose units are all due at once.
   */
  private static boolean nothingNewYet(UnitState s, Instant begin, Instant end) {
    return end.isBefore(begin)
        || !s.id().product().isPrediction() && end.isBefore(s.watermark().plus(s.id().cadence()));
  }

  /** When a unit with nothing to ask for should look again. */
  public Instant idleUntil(UnitState s, Instant now) {
    return idleUntil(s.id(), s.watermark(), now);
  }

  /** When a unit with watermark {@code watermark} and nothing to ask for should look again. */
  public Instant idleUntil(UnitId id, Instant watermark, Instant now) {
    Instant due =
        id.product().isPrediction()
            ? now.plus(PREDICTIONS_REFRESH)
            : watermark.plus(id.cadence()).plus(safetyLag);
    return due.isAfter(now) ? due : now.plus(id.cadence());
  }

  /** Whether more than one cadence of data lies between the window's end and the limit. */
  boolean backlog(UnitId id, Window w, Instant now) {
    return w.end().plus(id.cadence()).isBefore(limit(id, now));
  }

  /**
   * After rows were sent from window {@code w} (the unit's watermark moved): when it is due again.
   */
  public Instant dueAfterRows(UnitState s, Window w, Instant now) {
    return backlog(s.id(), w, now) ? now : idleUntil(s, now);
  }

  /**
   * After a revisions window: when every row in it was verified and more sent rows remain after it,
   * revisions continue at once; otherwise they wait for the revisions interval.
   */
  public Instant revisionsDueAfter(
      UnitState s, Window w, Instant now, boolean wholeWindowVerified) {
    return wholeWindowVerified && w.end().isBefore(s.watermark())
        ? now
        : now.plus(revisionsInterval);
  }

  /**
   * What an empty data window means.
   *
   * @param movePast the window ended longer ago than the allowed lateness: the watermark moves to
   *     its end
   * @param due when the unit is due again
   */
  public record Empty(boolean movePast, Instant due) {}

  /**
   * After an empty answer ("No data was found" or no rows) for a data window: move past it only
   * when it ended longer ago than the allowed lateness; otherwise hold the watermark and ask again
   * when the next sample is due (after a restart that is often sooner than a whole cadence from
   * now), or a cadence from now when it is late.
   */
  public Empty afterEmpty(UnitState s, Window w, Instant now) {
    if (settles(w, now)) {
      return new Empty(true, backlog(s.id(), w, now) ? now : idleUntil(s.id(), w.end(), now));
    }
    return new Empty(false, idleUntil(s, now));
  }

  /** Whether an empty answer for {@code w} now would move the watermark past it. */
  public boolean settles(Window w, Instant now) {
    return !w.revision() && w.end().isBefore(now.minus(lateness));
  }

  /** NOAA refused the window as too wide: half the span, or empty at the narrowest span. */
  public static Optional<Duration> halved(Duration span) {
    if (span.compareTo(MIN_SPAN) <= 0) {
      return Optional.empty();
    }
    Duration half = span.dividedBy(2).truncatedTo(ChronoUnit.MINUTES);
    return Optional.of(half.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : half);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
