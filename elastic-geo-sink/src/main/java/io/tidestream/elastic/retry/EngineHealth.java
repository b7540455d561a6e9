package io.tidestream.elastic.retry;

import io.tidestream.common.retry.ExponentialBackoff;

/**
 * Whether the engine answers, as the bulk writer learns it: down since when and why, when the next
 * attempt (request, probe or start-up work) may go out, and when to say again at WARN that it is
 * still down. An outage has no deadline: it pauses the partitions for as long as it lasts.
 *
 * <p>Returns what to say instead of logging it. Guarded by the writer's lock, except {@link
 * #isDown()} and {@link #downSeconds(long)}, which the metrics read without it.
 */
public final class EngineHealth {

  /** While the engine stays down, how often that is said again. */
  public static final long REPORT_INTERVAL_MS = 30_000;

  /** What the writer should say after {@link #down}. */
  public enum Report {
    /** It was up until now: say so at WARN. */
    WENT_DOWN,
    /** Down for another {@link #REPORT_INTERVAL_MS}: say it again at WARN. */
    STILL_DOWN,
    /** Said recently enough. */
    NOTHING
  }

  private final ExponentialBackoff backoff;

  /**
   * When the engine stopped answering, or -1 while it answers. Volatile: the metrics read it
   * without the lock.
   */
  private volatile long downSinceMs = -1;

  private String cause;
  private int failures;
  private long notBeforeMs;
  private long lastReportMs;

  public EngineHealth(ExponentialBackoff backoff) {
    this.backoff = backoff;
  }

  /** An attempt to reach the engine failed at {@code now}: the next waits for a capped backoff. */
  public Report down(String cause, long now) {
    Report report = Report.NOTHING;
    if (downSinceMs < 0) {
      downSinceMs = now;
      lastReportMs = now;
      report = Report.WENT_DOWN;
    } else if (now - lastReportMs >= REPORT_INTERVAL_MS) {
      lastReportMs = now;
      report = Report.STILL_DOWN;
    }
    this.cause = cause;
    failures++;
    notBeforeMs = Math.max(notBeforeMs, now + backoff.delayMillis(failures));
    return report;
  }

  /** The engine answered at {@code now}. Returns how long it had been down, or -1 if it was up. */
  public long up(long now) {
    long since = downSinceMs;
    downSinceMs = -1;
    cause = null;
    failures = 0;
    return since < 0 ? -1 : now - since;
  }

  public boolean isDown() {
    return downSinceMs >= 0;
  }

  /** Whole seconds since the engine stopped answering, or 0 while it answers. */
  public long downSeconds(long now) {
    long since = downSinceMs;
    return since < 0 ? 0 : Math.max(0, now - since) / 1000;
  }

  /** Milliseconds since the engine stopped answering, or 0 while it answers. */
  public long downMillis(long now) {
    long since = downSinceMs;
    return since < 0 ? 0 : now - since;
  }

  /** No request, probe or start-up work before this time. */
  public long notBeforeMs() {
    return notBeforeMs;
  }

  /**
   * True when the engine is down and the backoff has passed: if nothing else would find out, probe
   * it now.
   */
  public boolean probeDue(long now) {
    return downSinceMs >= 0 && now >= notBeforeMs;
  }

  /** Failed attempts in a row. */
  public int failures() {
    return failures;
  }

  /** What the last failed attempt ran into; null while the engine answers. */
  public String cause() {
    return cause;
  }
}
