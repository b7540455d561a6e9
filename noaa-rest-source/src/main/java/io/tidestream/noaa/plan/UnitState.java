package io.tidestream.noaa.plan;

import io.tidestream.noaa.offsets.UnitOffset;
import java.time.Duration;
import java.time.Instant;

/**
 * What one task knows about one of its units, and the state changes the {@link Planner}'s and the
 * failure policy's decisions call for; touched only by the task's thread.
 */
public final class UnitState {

  private final UnitId id;
  private Instant watermark;
  private Instant verifiedWatermark;
  private Instant nextDue;
  private Instant nextRevisionDue;
  private Duration span;
  private int failures;
  private int parameterStrikes;
  private String lastParameterSignature;
  private boolean quarantined;

  public UnitState(UnitId id, Instant watermark, Instant verifiedWatermark, Instant now) {
    this.id = id;
    this.watermark = watermark;
    this.verifiedWatermark = verifiedWatermark;
    this.nextDue = now;
    this.nextRevisionDue = now;
    this.span = id.maxSpan();
  }

  public UnitId id() {
    return id;
  }

  public Instant watermark() {
    return watermark;
  }

  public Instant verifiedWatermark() {
    return verifiedWatermark;
  }

  public Instant nextDue() {
    return nextDue;
  }

  public void nextDue(Instant due) {
    this.nextDue = due;
  }

  /** When revisions are due next. */
  public Instant nextRevisionDue() {
    return nextRevisionDue;
  }

  /** Revisions found nothing to revise: look for them again at {@code due}. */
  public void revisionsDue(Instant due) {
    this.nextRevisionDue = due;
  }

  public Duration span() {
    return span;
  }

  public boolean quarantined() {
    return quarantined;
  }

  /** The offset stored with the next record of this unit. */
  public UnitOffset offset() {
    return new UnitOffset(watermark, verifiedWatermark);
  }

  /** Failures in a row so far. */
  public int failures() {
    return failures;
  }

  /**
   * Moves the watermarks to a sent row at {@code t} of window {@code w}.
   *
   * @param settled the row is verified, or carries no quality (a gap): it needs no revision
   * @param revises the unit's product is revised (see {@link Planner#revises})
   */
  public void delivered(Window w, Instant t, boolean settled, boolean revises) {
    if (w.revision()) {
      verifiedWatermark = t;
      return;
    }
    boolean contiguous = verifiedWatermark != null && !verifiedWatermark.isBefore(watermark);
    watermark = t;
    if (revises && settled && contiguous) {
      verifiedWatermark = t;
    }
  }

  /** Rows were sent from a data window: the unit is due again at {@code due}. */
  public void rowsAnswered(Instant due) {
    answered();
    nextDue = due;
  }

  /** A revisions window was answered: revisions are due at {@code revisionsDue}, data at once. */
  public void revisionsAnswered(Instant revisionsDue, Instant now) {
    answered();
    nextRevisionDue = revisionsDue;
    nextDue = now;
  }

  /** An empty data window (see {@link Planner#afterEmpty}): move past it or hold. */
  public void emptyAnswered(Window w, Planner.Empty empty) {
    answered();
    if (empty.movePast()) {
      if (verifiedWatermark != null && !verifiedWatermark.isBefore(watermark)) {
        verifiedWatermark = w.end();
      }
      watermark = w.end();
    }
    nextDue = empty.due();
  }

  /** NOAA refused the window as too wide: ask for {@code narrower} windows, at once. */
  public void narrow(Duration narrower, Instant now) {
    span = narrower;
    nextDue = now;
  }

  /**
   * The strike count {@link #parameterStrike} would return for {@code signature}; changes nothing.
   */
  public int strikeIfRepeated(String signature) {
    return signature.equals(lastParameterSignature) ? parameterStrikes + 1 : 1;
  }

  /** Counts a transient failure; returns the new count. */
  public int failed() {
    return ++failures;
  }

  /** A request answered (with data or "no data"): the failure streak ends. */
  public void answered() {
    failures = 0;
    parameterStrikes = 0;
    lastParameterSignature = null;
    quarantined = false;
  }

  /** Records a parameter error; returns how many times in a row this same one was seen. */
  public int parameterStrike(String signature) {
    if (signature.equals(lastParameterSignature)) {
      parameterStrikes++;
    } else {
      lastParameterSignature = signature;
      parameterStrikes = 1;
    }
    return parameterStrikes;
  }

  public void quarantine(Instant recheckAt) {
    quarantined = true;
    nextDue = recheckAt;
  }

  @Override
  public String toString() {
    return id + "@" + watermark;
  }
}
