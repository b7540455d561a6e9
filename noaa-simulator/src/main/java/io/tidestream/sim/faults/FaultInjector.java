package io.tidestream.sim.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides, per request, whether and how it fails. In order: a banned client gets 403; a client that
 * just exceeded the request-rate threshold gets banned; then the scripted sequence; then outage
 * mode; then a roll against the per-fault probabilities.
 *
 * <p>Rates and bans follow the wall clock, in whole seconds. All methods are thread safe.
 */
public final class FaultInjector {

  public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(35);
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;
  public static final Duration DEFAULT_BAN_COOLDOWN = Duration.ofMinutes(5);

  private final Random random;
  private final Map<FaultKind, Double> probabilities = new EnumMap<>(FaultKind.class);
  private final Deque<FaultKind> script = new ArrayDeque<>();
  private final Map<String, long[]> requestsInSecond = new HashMap<>();
  private final Map<String, Instant> bannedUntil = new HashMap<>();
  private boolean outage;
  private Duration slowDelay = DEFAULT_SLOW_DELAY;
  private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
  private int banThresholdPerSecond;
  private Duration banCooldown = DEFAULT_BAN_COOLDOWN;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  /** The fault for the next request of {@code client} arriving at wall-clock {@code now}. */
  public synchronized FaultKind next(String client, Instant now) {
    Instant until = bannedUntil.get(client);
    if (until != null) {
      if (now.isBefore(until)) {
        return FaultKind.FORBIDDEN;
      }
      bannedUntil.remove(client);
    }
    if (banThresholdPerSecond > 0 && exceedsRate(client, now)) {
      bannedUntil.put(client, now.plus(banCooldown));
      return FaultKind.FORBIDDEN;
    }
    if (!script.isEmpty()) {
      return script.poll();
    }
    if (outage) {
      return FaultKind.OUTAGE;
    }
    if (probabilities.isEmpty()) {
      return FaultKind.NONE;
    }
    double roll = random.nextDouble();
    double cumulative = 0;
    for (Map.Entry<FaultKind, Double> e : probabilities.entrySet()) {
      cumulative += e.getValue();
      if (roll < cumulative) {
        return e.getKey();
      }
    }
    return FaultKind.NONE;
  }

  private boolean exceedsRate(String client, Instant now) {
    long second = now.getEpochSecond();
    long[] window = requestsInSecond.computeIfAbsent(client, c -> new long[] {second, 0});
    if (window[0] != second) {
      window[0] = second;
      window[1] = 0;
    }
    window[1]++;
    return window[1] > banThresholdPerSecond;
  }

  /** Applies a partial change; see {@link FaultSettings} for what each field does. */
  public synchronized void apply(FaultSettings settings) {
    if (settings.probabilities() != null) {
      Map<FaultKind, Double> parsed = new EnumMap<>(FaultKind.class);
      double total = 0;
      for (Map.Entry<String, Double> e : settings.probabilities().entrySet()) {
        double p = e.getValue() == null ? 0 : e.getValue();
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "probability of " + e.getKey() + " must be between 0 and 1, was " + p);
        }
        FaultKind kind = FaultKind.parse(e.getKey());
        if (p > 0 && kind != FaultKind.NONE) {
          parsed.put(kind, p);
          total += p;
        }
      }
      if (total > 1.0 + 1e-9) {
        throw new IllegalArgumentException(
            "fault probabilities add up to " + total + ", more than 1");
      }
      probabilities.clear();
      probabilities.putAll(parsed);
    }
    if (settings.sequence() != null) {
      List<FaultKind> parsed = new ArrayList<>();
      for (String s : settings.sequence()) {
        parsed.add(FaultKind.parse(s));
      }
      script.addAll(parsed);
    }
    if (settings.outage() != null) {
      outage = settings.outage();
    }
    if (settings.slowMillis() != null) {
      slowDelay = Duration.ofMillis(requireNonNegative(settings.slowMillis(), "slowMillis"));
    }
    if (settings.retryAfterSeconds() != null) {
      retryAfterSeconds =
          (int) requireNonNegative(settings.retryAfterSeconds(), "retryAfterSeconds");
    }
    if (settings.banThresholdPerSecond() != null) {
      banThresholdPerSecond =
          (int) requireNonNegative(settings.banThresholdPerSecond(), "banThresholdPerSecond");
    }
    if (settings.banCooldownSeconds() != null) {
      banCooldown =
          Duration.ofSeconds(
              requireNonNegative(settings.banCooldownSeconds(), "banCooldownSeconds"));
    }
  }

  /** Sets the probability of one fault, keeping the others. */
  public synchronized void setProbability(FaultKind kind, double probability) {
    Map<String, Double> all = new LinkedHashMap<>();
    probabilities.forEach((k, v) -> all.put(k.name(), v));
    all.put(kind.name(), probability);
    apply(new FaultSettings(all, null, null, null, null, null, null));
  }

  /** Queues faults for the next requests, in order. */
  public synchronized void script(FaultKind... kinds) {
    script.addAll(List.of(kinds));
  }

  public synchronized void setOutage(boolean on) {
    outage = on;
  }

  public synchronized void setSlowDelay(Duration delay) {
    apply(new FaultSettings(null, null, null, delay.toMillis(), null, null, null));
  }

  public synchronized void setRetryAfterSeconds(int seconds) {
    apply(new FaultSettings(null, null, null, null, seconds, null, null));
  }

  /**
   * Bans a client sending more than {@code perSecond} requests within a second for {@code
   * cooldown}.
   */
  public synchronized void setBan(int perSecond, Duration cooldown) {
    apply(new FaultSettings(null, null, null, null, null, perSecond, cooldown.toSeconds()));
  }

  /** Removes probabilities, script, outage and bans; delays and thresholds return to defaults. */
  public synchronized void clear() {
    probabilities.clear();
    script.clear();
    requestsInSecond.clear();
    bannedUntil.clear();
    outage = false;
    slowDelay = DEFAULT_SLOW_DELAY;
    retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
    banThresholdPerSecond = 0;
    banCooldown = DEFAULT_BAN_COOLDOWN;
  }

  /** Lifts current bans, keeping the threshold. */
  public synchronized void clearBans() {
    bannedUntil.clear();
    requestsInSecond.clear();
  }

  public synchronized Duration slowDelay() {
    return slowDelay;
  }

  public synchronized int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public synchronized boolean isBanned(String client, Instant now) {
    Instant until = bannedUntil.get(client);
    return until != null && now.isBefore(until);
  }

  /** The current configuration, in the shape {@code POST /admin/faults} accepts, plus the bans. */
  public synchronized Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Double> p = new LinkedHashMap<>();
    probabilities.forEach((k, v) -> p.put(k.name(), v));
    out.put("probabilities", p);
    out.put("sequence", script.stream().map(Enum::name).toList());
    out.put("outage", outage);
    out.put("slowMillis", slowDelay.toMillis());
    out.put("retryAfterSeconds", retryAfterSeconds);
    out.put("banThresholdPerSecond", banThresholdPerSecond);
    out.put("banCooldownSeconds", banCooldown.toSeconds());
    Map<String, String> bans = new LinkedHashMap<>();
    bannedUntil.forEach((client, until) -> bans.put(client, until.toString()));
    out.put("bannedUntil", bans);
    return out;
  }

  private static long requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }
}
