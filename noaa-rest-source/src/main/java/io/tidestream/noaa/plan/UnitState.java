package io.tidestream.noaa.plan;

import io.tidestream.noaa.offsets.UnitOffset;
import java.time.Duration;
import java.time.Instant;

/** What one task knows about one of its units; touched only by the task's thread. */
public final class UnitState {

  private final UnitId id;
  Instant watermark;
  Instant verifiedWatermark;
  Instant nextDue;
  Instant nextRevisionDue;
  Duration span;
  int failures;
  int parameterStrikes;
  String lastParameterSignature;
  boolean quarantined;

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
