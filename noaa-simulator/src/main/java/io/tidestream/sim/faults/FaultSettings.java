package io.tidestream.sim.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A change to the fault configuration, as posted to {@code POST /admin/faults}. Absent (null)
 * fields leave the current value unchanged.
 *
 * @param probabilities per-request probability of each fault, e.g. {@code {"HTTP_503": 0.1}};
 *     replaces all probabilities when present
 * @param sequence faults for the next requests, in order ({@code NONE} serves normally); appended
 *     to the current script, and used before the probabilities
 * @param outage whether every datagetter request answers "No data was found"
 * @param slowMillis how long a {@code SLOW} response waits before answering
 * @param retryAfterSeconds the {@code Retry-After} header of a 429
 * @param banThresholdPerSecond a client sending more than this many requests within one second is
 *     banned (403) for the cool-down; 0 disables bans
 * @param banCooldownSeconds how long a ban lasts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(
    Map<String, Double> probabilities,
    List<String> sequence,
    Boolean outage,
    Long slowMillis,
    Integer retryAfterSeconds,
    Integer banThresholdPerSecond,
    Long banCooldownSeconds) {

  public static FaultSettings none() {
    return new FaultSettings(null, null, null, null, null, null, null);
  }
}
