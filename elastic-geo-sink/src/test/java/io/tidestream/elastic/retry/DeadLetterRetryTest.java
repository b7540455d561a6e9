package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.retry.ExponentialBackoff;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class DeadLetterRetryTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 2);

  /** Backoff at its ceiling: 100, 200, 400 ms … */
  private final DeadLetterRetry retry =
      new DeadLetterRetry(
          RetryBudget.ofMillis(10_000),
          new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999),
          "noaa.dlq");

  private static DeadLetterRetry.Failure failure(
      int attempts, long firstFailureMs, Throwable cause) {
    return new DeadLetterRetry.Failure(TP, 41, 1_258_291, attempts, firstFailureMs, cause);
  }

  @Test
  void aRetriableFailureIsRetriedWithBackoffUntilTheBudgetIsSpent() {
    NotLeaderOrFollowerException moving = new NotLeaderOrFollowerException("leader moved");
    assertThat(retry.afterFailure(failure(1, 0, moving), 0))
        .isEqualTo(new DeadLetterRetry.Retry(100));
    assertThat(retry.afterFailure(failure(3, 0, new ExecutionException(moving)), 9_999))
        .isEqualTo(new DeadLetterRetry.Retry(9_999 + 400));
    assertThat(retry.afterFailure(failure(9, 0, moving), 10_000))
        .isInstanceOfSatisfying(
            DeadLetterRetry.GiveUp.class,
            g ->
                assertThat(g.message())
                    .contains(
                        "NotLeaderOrFollowerException",
                        "retry.budget.ms (PT10S)",
                        "noaa.water_level-2 offset 41",
                        "9 attempts"));
  }

  @Test
  void aRecordTooLargeGetsOneMoreAttemptThenTheFixForTheSizeLimits() {
    RecordTooLargeException tooLarge =
        new RecordTooLargeException(
            "The message is 1258390 bytes when serialized which is larger than 1048576, which is"
                + " the value of the max.request.size configuration.");
    assertThat(retry.afterFailure(failure(1, 0, tooLarge), 0))
        .isInstanceOf(DeadLetterRetry.Retry.class);
    DeadLetterRetry.Decision last = retry.afterFailure(failure(2, 0, tooLarge), 100);
    assertThat(last)
        .isInstanceOfSatisfying(
            DeadLetterRetry.GiveUp.class,
            g ->
                assertThat(g.message())
                    .startsWith(
                        "Record noaa.water_level-2 offset 41 (value of 1258291 bytes) must go to"
                            + " the dead-letter topic but could not be written to topic noaa.dlq in"
                            + " 2 attempts: RecordTooLargeException: The message is 1258390 bytes")
                    .contains("Nothing past it was committed")
                    .contains(
                        "producer.override.max.request.size",
                        "connector.client.config.override.policy",
                        "max.message.bytes on topic noaa.dlq"));
  }

  /**
   * Kafka's reporter answers "written" for a write its producer refused at once, without the
   * reason.
   */
  @Test
  void aWriteRefusedAtOnceGetsTwoMoreAttemptsThenTheLikelyFixesAndWhereTheWorkerLoggedTheCause() {
    DeadLetterRetry.RefusedAtOnce refused = new DeadLetterRetry.RefusedAtOnce();
    assertThat(retry.afterFailure(failure(1, 0, refused), 0))
        .isEqualTo(new DeadLetterRetry.Retry(100));
    assertThat(retry.afterFailure(failure(2, 0, refused), 100))
        .isInstanceOf(DeadLetterRetry.Retry.class);
    assertThat(retry.afterFailure(failure(3, 0, refused), 400))
        .isInstanceOfSatisfying(
            DeadLetterRetry.GiveUp.class,
            g ->
                assertThat(g.message())
                    .startsWith(
                        "Record noaa.water_level-2 offset 41 (value of 1258291 bytes) must go to"
                            + " the dead-letter topic but could not be written to topic noaa.dlq in"
                            + " 3 attempts: the worker's dead-letter producer refused the record at"
                            + " once;")
                    .contains(
                        "'Could not produce message to dead letter queue'",
                        "producer.override.max.request.size",
                        "max.message.bytes on topic noaa.dlq",
                        "WRITE and DESCRIBE on topic noaa.dlq"));
  }

  @Test
  void anAuthorizationFailureSaysWhichGrantIsMissing() {
    DeadLetterRetry.Decision d =
        retry.afterFailure(
            failure(
                2,
                0,
                new TopicAuthorizationException("Not authorized to access topics: [noaa.dlq]")),
            100);
    assertThat(d)
        .isInstanceOfSatisfying(
            DeadLetterRetry.GiveUp.class,
            g ->
                assertThat(g.message())
                    .contains("Grant the worker's principal WRITE and DESCRIBE on topic noaa.dlq"));
  }
}
