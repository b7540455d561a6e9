package io.tidestream.elastic.retry;

import io.tidestream.common.retry.ExponentialBackoff;
import org.apache.kafka.common.TopicPartition;

/**
 * When to send again an item the engine refused for a transient reason, and when to stop: the retry
 * budget counts from the item's first refusal, the backoff grows with its attempts. Time the engine
 * spent down does not count: after each outage ({@link EngineHealth#up}) the writer moves every
 * item's streak forward by {@link #excuse}. Pure: the caller passes the clock's reading.
 */
public final class ItemRetryPolicy {

  /** What to do with a refused item. */
  public sealed interface Next {}

  /**
   * Send it again no sooner than {@code notBeforeMs}; its streak started at {@code firstFailureMs}.
   */
  public record Again(long firstFailureMs, int attempts, long notBeforeMs) implements Next {}

  /** The budget is spent: the task fails with this message, committing nothing past the item. */
  public record GiveUp(String message) implements Next {}

  private final RetryBudget budget;
  private final ExponentialBackoff backoff;

  public ItemRetryPolicy(RetryBudget budget, ExponentialBackoff backoff) {
    this.budget = budget;
    this.backoff = backoff;
  }

  /**
   * @param firstFailureMs when the item's streak of refusals began, or -1 if this is the first
   * @param attempts retries so far
   * @param refusal what the engine said this time
   */
  public Next next(
      long firstFailureMs,
      int attempts,
      long now,
      Decision.Retry refusal,
      TopicPartition partition,
      long offset) {
    if (firstFailureMs >= 0 && budget.exhausted(firstFailureMs, now)) {
      return new GiveUp(
          "A document from "
              + partition
              + " offset "
              + offset
              + " was still rejected with "
              + refusal.what()
              + " (HTTP "
              + refusal.status()
              + ") after the retry budget of "
              + budget
              + "; nothing was committed past it. Give the engine more capacity (write queue, heap,"
              + " shards) or raise retry.budget.ms (-1 retries forever), then restart the task.");
    }
    int next = attempts + 1;
    return new Again(
        firstFailureMs < 0 ? now : firstFailureMs, next, now + backoff.delayMillis(next));
  }

  /**
   * Where an item's streak of refusals starts once the engine is back after {@code outageMs} down:
   * the budget counts only the time the engine spent refusing the item while it answered.
   *
   * @param firstFailureMs -1 when the item was never refused (it stays so)
   */
  public static long excuse(long firstFailureMs, long outageMs) {
    return firstFailureMs < 0 ? firstFailureMs : firstFailureMs + outageMs;
  }
}
