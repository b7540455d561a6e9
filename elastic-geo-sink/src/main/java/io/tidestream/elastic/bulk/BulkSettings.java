package io.tidestream.elastic.bulk;

import io.tidestream.elastic.retry.RetryBudget;
import java.time.Duration;

/**
 * Limits and timings of a {@link BulkWriter}, already validated. Requests are bounded by {@code
 * maxActions} and {@code maxBytes}; the buffer in document bytes and in records (each item keeps
 * its Kafka record too). {@code answerDeadline} is how long a request may go without any callback
 * before it is given up and resent on a fresh connection.
 */
public record BulkSettings(
    int maxActions,
    long maxBytes,
    Duration linger,
    int maxInFlight,
    long maxBufferBytes,
    int maxBufferRecords,
    RetryBudget budget,
    Duration answerDeadline) {

  /**
   * How long a request may go unanswered when the settings do not say: beyond the default HTTP
   * timeouts.
   */
  public static final Duration DEFAULT_ANSWER_DEADLINE = Duration.ofMinutes(3);

  /** Bounded in bytes only, with the {@link #DEFAULT_ANSWER_DEADLINE default answer deadline}. */
  public BulkSettings(
      int maxActions,
      long maxBytes,
      Duration linger,
      int maxInFlight,
      long maxBufferBytes,
      RetryBudget budget) {
    this(
        maxActions,
        maxBytes,
        linger,
        maxInFlight,
        maxBufferBytes,
        Integer.MAX_VALUE,
        budget,
        DEFAULT_ANSWER_DEADLINE);
  }
}
