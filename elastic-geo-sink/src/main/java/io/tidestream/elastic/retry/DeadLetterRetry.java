package io.tidestream.elastic.retry;

import io.tidestream.common.retry.ExponentialBackoff;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Decides what follows a failed write to the dead-letter topic: another attempt after the sink's
 * backoff, or giving up with a message that names the record, the cause and the fix. Pure: it reads
 * the failure and a clock value and returns a decision.
 *
 * <p>A {@link RetriableException} (not enough replicas, a leader moving, a delivery timeout) is
 * tried again for as long as {@code retry.budget.ms} allows, counted from the record's first failed
 * write. Anything else (the record is larger than the producer or the topic accepts, the worker may
 * not write the topic, …) gets {@value #NON_RETRIABLE_ATTEMPTS} attempts in all, in case it was a
 * fluke, then the task stops: retrying cannot fix it, and going on would commit past a record that
 * is in neither the index nor the dead-letter topic. A write the worker answered as done at once
 * ({@link RefusedAtOnce}) gets {@value #REFUSED_AT_ONCE_ATTEMPTS}: that answer is an inference (see
 * {@code PendingDeadLetters}), so the task stops only when it repeats, which a refusal does every
 * time; the price of a wrong inference is a duplicate on the dead-letter topic, never a lost
 * record.
 */
public final class DeadLetterRetry {

  /** Attempts in all for a failure that retrying is not expected to fix. */
  static final int NON_RETRIABLE_ATTEMPTS = 2;

  /** Attempts in all when every write came back done at once (see {@link RefusedAtOnce}). */
  static final int REFUSED_AT_ONCE_ATTEMPTS = 3;

  /**
   * The worker answered "written" before the write could have reached the topic: its producer
   * refused the record at once, and Kafka does not pass the reason on (see {@link
   * PendingDeadLetters}).
   */
  public static final class RefusedAtOnce extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedAtOnce() {
      super(
          "the worker's dead-letter producer refused the record at once; Kafka does not hand the"
              + " reason to the task, the worker logs it after 'Could not produce message to dead"
              + " letter queue'",
          null,
          false,
          false);
    }
  }

  /** What to do next. */
  public sealed interface Decision {}

  /** Write the record again, not before {@code notBeforeMs}. */
  public record Retry(long notBeforeMs) implements Decision {}

  /** Stop the task with this message (safe to log: no record value in it). */
  public record GiveUp(String message) implements Decision {}

  /**
   * One failed write: the record's coordinates, the size of its value when known ({@code -1} if
   * not), how many writes were made so far (at least 1), when the first of them failed, and why the
   * last one did.
   */
  public record Failure(
      TopicPartition partition,
      long offset,
      long valueBytes,
      int attempts,
      long firstFailureMs,
      Throwable cause) {}

  private final RetryBudget budget;
  private final ExponentialBackoff backoff;
  private final String topic;

  /**
   * @param topic the dead-letter topic, for the messages; may be null when unknown
   */
  public DeadLetterRetry(RetryBudget budget, ExponentialBackoff backoff, String topic) {
    this.budget = budget;
    this.backoff = backoff;
    this.topic = topic == null ? "the dead-letter topic" : "topic " + topic;
  }

  public Decision afterFailure(Failure f, long nowMs) {
    Throwable cause = unwrap(f.cause());
    if (cause instanceof RetriableException) {
      if (!budget.exhausted(f.firstFailureMs(), nowMs)) {
        return new Retry(nowMs + backoff.delayMillis(f.attempts()));
      }
      return new GiveUp(
          describe(f, cause)
              + " The write kept failing with retriable errors for longer than "
              + "retry.budget.ms ("
              + budget
              + "): check that the Kafka cluster is reachable from the worker and that "
              + topic
              + " has enough in-sync replicas, or raise retry.budget.ms (-1 retries forever), then"
              + " restart the task.");
    }
    int attempts =
        cause instanceof RefusedAtOnce ? REFUSED_AT_ONCE_ATTEMPTS : NON_RETRIABLE_ATTEMPTS;
    if (f.attempts() < attempts) {
      return new Retry(nowMs + backoff.delayMillis(f.attempts()));
    }
    return new GiveUp(describe(f, cause) + " " + fixFor(cause));
  }

  private String describe(Failure f, Throwable cause) {
    return "Record "
        + f.partition()
        + " offset "
        + f.offset()
        + (f.valueBytes() >= 0 ? " (value of " + f.valueBytes() + " bytes)" : "")
        + " must go to the dead-letter topic but could not be written to "
        + topic
        + " in "
        + f.attempts()
        + (f.attempts() == 1 ? " attempt: " : " attempts: ")
        + (cause instanceof RefusedAtOnce
            ? ""
            : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "))
        + (cause.getMessage() == null ? "" : cause.getMessage())
        + ". Nothing past it was committed, so a restart loses nothing.";
  }

  private String fixFor(Throwable cause) {
    if (cause instanceof RefusedAtOnce) {
      return "Most often the record is larger than the dead-letter producer's max.request.size"
          + " (1048576 bytes by default): set producer.override.max.request.size on this"
          + " connector (the worker's connector.client.config.override.policy must allow it;"
          + " All is the default since Kafka 3.0) and max.message.bytes on "
          + topic
          + " (the broker's message.max.bytes, about 1 MiB, unless the topic sets it) above the"
          + " largest record the source topic holds. If the worker log names an authorization error"
          + " instead, grant the worker's principal WRITE and DESCRIBE on "
          + topic
          + ". Then restart the task.";
    }
    if (cause instanceof RecordTooLargeException) {
      return "The worker's dead-letter producer refuses records above its max.request.size (1048576"
          + " bytes by default), and the topic those above its max.message.bytes (the"
          + " broker's message.max.bytes, about 1 MiB, unless the topic sets it). Set"
          + " producer.override.max.request.size on this connector (the worker's"
          + " connector.client.config.override.policy must allow it; All is the default"
          + " since Kafka 3.0) and max.message.bytes on "
          + topic
          + " above the largest record the source topic holds, then restart "
          + "the task.";
    }
    if (cause instanceof AuthorizationException) {
      return "Grant the worker's principal WRITE and DESCRIBE on "
          + topic
          + ", then restart the task.";
    }
    return "Check "
        + topic
        + " and the worker's dead-letter producer (producer.override.* on this connector), "
        + "then restart the task.";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
