package io.tidestream.noaa.retry;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.plan.UnitId;
import java.time.Duration;
import java.time.Instant;

/**
 * The log lines of the failure policy's steps: what happens now, and the fix where the user has
 * one. Pure text; the scheduler logs them.
 */
public final class RetryMessages {

  private RetryMessages() {}

  /** The ERROR line of a ban: what happens now, and the real fix (the connector-wide rate). */
  public static String ban(
      Duration cooldown,
      int streak,
      Duration maxCooldown,
      double rate,
      int tasks,
      Duration taskPeriod) {
    return "NOAA refused requests with 403 Forbidden: this host's IP address looks banned by "
        + "NOAA's API gateway for polling too fast. All requests of this task stop for "
        + cooldown
        + " (ban #"
        + streak
        + " in a row; the pause doubles on each repeat, up to "
        + maxCooldown
        + "). The request rate is connector-wide: "
        + NoaaSourceConfig.REQUESTS_PER_SECOND
        + "="
        + rate
        + " is shared by the connector's "
        + tasks
        + " task(s) in turn (each sends at most "
        + "one request every "
        + taskPeriod
        + ", staggered), so adding tasks never adds requests. "
        + "To fix: lower "
        + NoaaSourceConfig.REQUESTS_PER_SECOND
        + ", make sure nothing else on "
        + "this host (another connector, another program) polls NOAA, and contact NOAA CO-OPS if "
        + "it persists.";
  }

  /** The INFO line when the breaker closes after a ban. */
  public static String banOver() {
    return "NOAA answers again after the ban cool-down; requests resume at the normal rate";
  }

  /** The WARN line of a 429: the pause, and how much slower the task goes afterwards. */
  public static String throttled(UnitId id, NextStep step, int factor, Duration taskPeriod) {
    return "NOAA answered 429 Too Many Requests for "
        + id
        + "; all requests of this task pause "
        + "for "
        + step.delay()
        + (step.askedByNoaa() ? " as its Retry-After asks" : "")
        + ", then it uses only one in "
        + factor
        + " of its turns (one request every "
        + taskPeriod.multipliedBy(factor)
        + " instead of "
        + taskPeriod
        + ") until NOAA stays "
        + "calm. If this repeats, lower "
        + NoaaSourceConfig.REQUESTS_PER_SECOND
        + " (it is connector-wide).";
  }

  /** The WARN (first, every tenth) or DEBUG line of a retried failure. */
  public static String retry(UnitId id, NoaaApiException e, NextStep step, boolean warn) {
    return id
        + ": "
        + e.getMessage()
        + " (failure "
        + step.failure()
        + " in a row); retrying in "
        + step.delay()
        + (warn ? ", other units continue" : "");
  }

  /** The WARN line of a suspected NOAA outage, once per error signature and outage window. */
  public static String outage(int units, int taskUnits, Duration window, NoaaApiException e) {
    return "NOAA outage suspected: "
        + units
        + " of this task's "
        + taskUnits
        + " units got the "
        + "same answer within "
        + window
        + " ("
        + e.kind()
        + ": "
        + (e.noaaMessage() == null ? e.getMessage() : e.noaaMessage())
        + "). Treating it as "
        + "temporary: units hold their position and retry with backoff instead of being "
        + "quarantined.";
  }

  /** The ERROR line of a quarantine, naming the fix. */
  public static String quarantine(UnitId id, NoaaApiException e, Instant recheck) {
    return id
        + ": NOAA rejects this station/product combination: \""
        + (e.noaaMessage() == null ? e.getMessage() : e.noaaMessage())
        + "\". The unit is "
        + "quarantined until "
        + recheck
        + "; the other units continue. To fix: check that "
        + "station "
        + id.station()
        + " offers "
        + id.product().apiName()
        + (id.datum() == null ? "" : " with datum " + id.datum())
        + " (see https://tidesandcurrents.noaa.gov/stationhome.html?id="
        + id.station()
        + "), then change "
        + NoaaSourceConfig.PRODUCTS
        + " / "
        + NoaaSourceConfig.DATUM
        + " and restart the connector.";
  }

  /** The INFO line when a range error narrowed the unit's windows. */
  public static String narrowed(UnitId id, Duration refused, Duration span) {
    return id
        + ": NOAA refused a "
        + refused
        + " window as too wide; asking for "
        + span
        + " windows from now on";
  }
}
