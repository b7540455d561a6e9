package io.tidestream.pipeline.remap;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Has one sink connector caught up with another? Compares committed offsets (the next offset each
 * will read) partition by partition: caught up when the follower's offset reaches the reference's
 * on every partition the reference has committed. Pure.
 */
public final class CatchUp {

  private CatchUp() {}

  /**
   * Where the follower stands.
   *
   * @param replayed records the follower has committed, over all partitions
   * @param behind records it still lacks to reach the reference, over all partitions
   */
  public record Lag(long replayed, long behind, boolean caughtUp) {}

  public static Lag compare(Map<String, Long> follower, Map<String, Long> reference) {
    long behind = 0;
    boolean caughtUp = true;
    for (Map.Entry<String, Long> e : reference.entrySet()) {
      long mine = follower.getOrDefault(e.getKey(), 0L);
      if (mine < e.getValue()) {
        caughtUp = false;
        behind += e.getValue() - mine;
      }
    }
    long replayed = follower.values().stream().mapToLong(Long::longValue).sum();
    return new Lag(replayed, behind, caughtUp);
  }

  /**
   * Whether the follower is close enough to pause the reference: caught up, or at most as far
   * behind as the reference takes in during {@code window} at {@code referencePerSecond} (and never
   * more than {@code floor} records when the reference is idle). Two connectors that commit every
   * few seconds, at different moments, under a steady stream rarely show equal offsets at one
   * reading; the exact check comes after the pause, when the reference no longer moves.
   */
  public static boolean closeEnough(
      Lag lag, double referencePerSecond, Duration window, long floor) {
    if (lag.caughtUp()) {
      return true;
    }
    double inWindow = referencePerSecond * window.toMillis() / 1000.0;
    return lag.behind() <= Math.max(floor, (long) inWindow);
  }

  /**
   * When the follower will have caught up at the pace it replayed since the last reading; empty
   * while it made no progress.
   */
  public static Optional<Duration> eta(Lag before, Lag now, Duration between) {
    long progress = now.replayed() - before.replayed();
    if (progress <= 0 || between.isZero() || between.isNegative()) {
      return Optional.empty();
    }
    double perMilli = (double) progress / between.toMillis();
    return Optional.of(Duration.ofMillis((long) Math.ceil(now.behind() / perMilli)));
  }

  /** A duration as {@code m:ss}, or {@code ?} when unknown. */
  public static String format(Optional<Duration> d) {
    return d.map(x -> x.toMinutes() + ":" + String.format("%02d", x.toSecondsPart())).orElse("?");
  }

  /** The progress line printed while a connector replays. */
  public static String progressLine(
      String follower, String reference, Lag lag, Optional<Duration> eta) {
    return String.format(
        "  %s: %,d records replayed, %,d behind %s, ETA %s",
        follower, lag.replayed(), lag.behind(), reference, format(eta));
  }
}
